package dev.braid.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Artifact files fetched into the data folder: {@code <root>/<source id>/<run id>/<artifact path>}.
 * A download is written to a temporary file next to its target and moved into place only when
 * complete, so a file found at its target is a finished download and can be used again.
 */
final class ArtifactDownloads {
    private static final int BUFFER = 64 * 1024;
    private final Path root;

    ArtifactDownloads(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Where {@code path} (already checked) of this run is kept; never outside the downloads folder. */
    Path target(long sourceId, String runId, String path) throws ExperimentException {
        if (runId == null || !runId.matches("[\\w-]+")) {
            throw new ExperimentException("not a run id: " + runId);
        }
        return ArtifactPaths.inside(root, sourceId + "/" + runId + "/" + path);
    }

    /** True when a finished copy of the expected size (null: any size) lies at {@code target}. */
    boolean finished(Path target, Long expectedSize) {
        try {
            return Files.isRegularFile(target) && (expectedSize == null || Files.size(target) == expectedSize);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Copies {@code in} to {@code target} unless it holds more than {@code cap} bytes; returns the
     * size written, or -1 when the cap was reached (then nothing is left behind).
     */
    long save(InputStream in, Path target, long cap) throws ExperimentException {
        Path temp = null;
        try (in) {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".braid-download-", ".part");
            long written = 0;
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[BUFFER];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    written += n;
                    if (written > cap) {
                        return -1;
                    }
                    out.write(buffer, 0, n);
                }
            }
            move(temp, target);
            temp = null;
            return written;
        } catch (IOException e) {
            throw new ExperimentException("cannot save the artifact to " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover .part file is never mistaken for a download; the next save writes a new one.
        }
    }
}
