package dev.braid.sync;

/** How a sync run ended. */
public enum SyncOutcome {
    RUNNING,
    SUCCEEDED,
    /**
     * The remote could not be reached, but what was there locally was brought in (a repository's
     * own history and what derives from it): usable, possibly behind the remote. Not a failure.
     */
    STALE,
    /** A permanent failure: bad data, not found, refused credentials. Retrying would not help. */
    FAILED,
    /** The remote could not be reached after every retry; the cache stays browsable offline. */
    UNREACHABLE,
    CANCELLED,
    /** The run was still marked running when Braid stopped (killed or crashed mid-sync). */
    INTERRUPTED
}
