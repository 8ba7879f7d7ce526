package dev.braid.artifacts;

import java.util.List;
import java.util.Map;

/**
 * A file in an Artifactory repository as Braid caches it: where it is, its checksums and its
 * properties (promotion states, build names, anything a team sets).
 *
 * @param path       the path inside the repository, the file's name included
 * @param modified   as Artifactory gives it (ISO 8601)
 * @param modifiedMs the same instant in epoch milliseconds, -1 when Artifactory's text could not be read
 */
public record ArtifactoryFile(String repo, String path, Long size, String modified, long modifiedMs, String sha256,
                              String sha1, String md5, Map<String, List<String>> properties) {
    public ArtifactoryFile {
        properties = Map.copyOf(properties);
    }

    /** The file's name, the last part of its path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
