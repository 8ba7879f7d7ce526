package dev.braid.experiments;

import java.util.List;

/**
 * The direct children of one artifact folder of a run.
 *
 * @param path        the folder, relative to the run's artifact root ({@code ""} for the root)
 * @param entries     its files and folders, by path
 * @param staleReason null when just read from the store; otherwise why the store could not be
 *                    read, and the entries are the ones read earlier in this session
 */
public record ArtifactListing(String path, List<ArtifactEntry> entries, String staleReason) {
    public ArtifactListing {
        entries = List.copyOf(entries);
    }

    public boolean stale() {
        return staleReason != null;
    }
}
