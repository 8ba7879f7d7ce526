package dev.braid.experiments;

/**
 * One file or folder among a run's artifacts, as MLflow lists it.
 *
 * @param path      relative to the run's artifact root, folders separated by {@code /}
 * @param directory true for a folder
 * @param size      the file's size in bytes; null for folders and when the store does not say
 */
public record ArtifactEntry(String path, boolean directory, Long size) {
    /** The last part of the path. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
