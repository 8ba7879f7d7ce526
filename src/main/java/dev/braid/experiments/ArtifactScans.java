package dev.braid.experiments;

import java.util.Optional;

/**
 * Scan verdicts for a run's artifact files, from the security feature, for the artifact tree:
 * what is known already and a way to scan a file now. Called off the UI thread.
 */
public interface ArtifactScans {
    /** The verdict already known for {@code path} of run {@code runPk}, if its content was scanned. */
    Optional<Verdict> known(long runPk, String path);

    /** Scans {@code entry} of run {@code runPk} now (fetching it unless its content was seen before). */
    Verdict scan(long runPk, ArtifactEntry entry) throws Exception;

    /**
     * A file's verdict.
     *
     * @param rating  {@code safe}, {@code unknown}, {@code suspicious} or {@code dangerous}
     * @param summary one line for people: the worst finding, or that nothing was found
     */
    record Verdict(String rating, String summary) {
    }
}
