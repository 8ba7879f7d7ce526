package dev.braid.sync;

/**
 * A classified sync failure. Transient ones (network errors, HTTP 5xx, 429) are retried with
 * backoff; permanent ones (authentication, not found, bad data) are reported at once.
 */
public final class SyncFailure extends Exception implements RequestRetry.Failure {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;
    private final long retryAfterMillis;

    private SyncFailure(String message, Throwable cause, boolean transientFailure, long retryAfterMillis) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfterMillis = retryAfterMillis;
    }

    public static SyncFailure permanent(String message, Throwable cause) {
        return new SyncFailure(message, cause, false, -1);
    }

    public static SyncFailure transientFailure(String message, Throwable cause) {
        return new SyncFailure(message, cause, true, -1);
    }

    /** A transient failure whose remote asked us to wait (HTTP 429 or 503 with Retry-After). */
    public static SyncFailure retryAfter(String message, long retryAfterMillis) {
        return new SyncFailure(message, null, true, retryAfterMillis);
    }

    /**
     * The sync failure for a source's own {@code failure} (a CI, Feast or Artifactory client's),
     * in the words {@code message} (its message, masked where it may hold a secret): a wait the
     * remote asked for stays that wait, and transient stays transient.
     */
    public static <E extends Exception & RequestRetry.Failure> SyncFailure from(E failure, String message) {
        if (failure.retryAfterMillis() >= 0) {
            return retryAfter(message, failure.retryAfterMillis());
        }
        return failure.isTransient() ? transientFailure(message, failure) : permanent(message, failure);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** The wait the remote asked for, or -1 when it named none. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
