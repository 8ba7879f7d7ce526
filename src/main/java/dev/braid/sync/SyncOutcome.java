package dev.braid.sync;

/** How a sync run ended. */
public enum SyncOutcome {
    RUNNING,
    SUCCEEDED,
    /** A permanent failure: bad data, not found, refused credentials. Retrying would not help. */
    FAILED,
    /** The remote could not be reached after every retry; the cache stays browsable offline. */
    UNREACHABLE,
    CANCELLED,
    /** The run was still marked running when Braid stopped (killed or crashed mid-sync). */
    INTERRUPTED
}
