package dev.braid.features.feast;

import dev.braid.sync.RequestRetry;

/**
 * Why a Feast registry could not be read, in words a user can act on. Transient failures
 * (unreachable server, HTTP 5xx, 429) may succeed when tried again; the rest will not until
 * something changes.
 */
public final class FeastException extends Exception implements RequestRetry.Failure {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;
    private final long retryAfterMillis;

    private FeastException(String message, Throwable cause, boolean transientFailure, long retryAfterMillis) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfterMillis = retryAfterMillis;
    }

    public static FeastException permanent(String message) {
        return new FeastException(message, null, false, -1);
    }

    public static FeastException permanent(String message, Throwable cause) {
        return new FeastException(message, cause, false, -1);
    }

    public static FeastException transientFailure(String message, Throwable cause) {
        return new FeastException(message, cause, true, -1);
    }

    public static FeastException retryAfter(String message, long millis) {
        return new FeastException(message, null, true, millis);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** The wait the server asked for, or -1. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
