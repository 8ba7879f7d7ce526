package dev.braid.store;

/** Why the cache could not be opened; each kind has its own advice for the user. */
public enum CacheProblem {
    /** The file is not a readable SQLite database or fails its integrity check. */
    CORRUPT("The cache file is damaged.",
            "Braid can move it aside, keep it for inspection, and start a new cache with the sources it can"
                    + " still read from it; syncing them rebuilds the rest."),
    /** Another process holds a lock on the database for longer than the busy timeout. */
    LOCKED("The cache is in use by another running Braid.",
            "Close the other Braid window or command and try again."),
    /** The schema version is newer than this Braid knows how to read. */
    NEWER_SCHEMA("The cache was written by a newer version of Braid.",
            "Use the newer Braid, or move this cache aside and rebuild it with this version.");

    private final String summary;
    private final String advice;

    CacheProblem(String summary, String advice) {
        this.summary = summary;
        this.advice = advice;
    }

    public String summary() {
        return summary;
    }

    public String advice() {
        return advice;
    }

    /** Whether moving the cache aside and rebuilding it is a sensible offer for this problem. */
    public boolean canRebuild() {
        return this != LOCKED;
    }
}
