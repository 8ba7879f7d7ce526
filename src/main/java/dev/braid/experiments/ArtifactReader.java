package dev.braid.experiments;

import java.io.InputStream;
import java.util.List;

/**
 * Where one run's artifacts are read from: the tracking server's artifact endpoints, or the
 * run's artifact folder on disk for local stores. Paths given here are already
 * {@link ArtifactPaths#check checked}; what a reader lists is checked again by the caller.
 */
interface ArtifactReader {
    /** The direct children of folder {@code path} ({@code ""} for the root); none when it is missing. */
    List<ArtifactEntry> list(String path) throws ExperimentException;

    /** The bytes of file {@code path}; the caller closes the stream and limits how much it reads. */
    InputStream open(String path) throws ExperimentException;
}
