package dev.braid.experiments;

import java.nio.file.Path;

/**
 * An artifact file fetched for viewing: where its copy lies in the data folder and what can be
 * shown of it.
 *
 * @param file      the downloaded copy; null when it was too large to fetch
 * @param size      its size in bytes (for {@link Kind#TOO_LARGE}: as listed, or -1 when the listing
 *                  gave none and the download was stopped at the cap)
 * @param text      the start of the file for {@link Kind#TEXT}, otherwise null
 * @param truncated true when {@code text} holds only the start of the file
 * @param reused    true when a copy fetched earlier was used instead of fetching again
 */
public record ArtifactContent(ArtifactEntry entry, Kind kind, Path file, long size, String text, boolean truncated,
                              boolean reused) {
    /** What kind of preview fits. */
    public enum Kind { TEXT, IMAGE, BINARY, TOO_LARGE }
}
