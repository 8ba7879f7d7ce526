package dev.braid.lineage.dvc;

import java.util.Objects;

/**
 * One dependency or output that DVC recorded: its path relative to the repository root (with
 * forward slashes), and the content hash DVC wrote for it ({@code md5} of a file, or of a
 * directory listing, which DVC marks with a {@code .dir} suffix). {@code hash} is empty for
 * dependencies DVC records without one; {@code repoUrl} is set for imports from another
 * repository.
 */
public record DvcEntry(String path, String hash, long size, String repoUrl) {
    public DvcEntry {
        Objects.requireNonNull(path, "path");
        hash = hash == null ? "" : hash;
        repoUrl = repoUrl == null ? "" : repoUrl;
    }

    public boolean directory() {
        return hash.endsWith(".dir");
    }
}
