package dev.braid.experiments;

/**
 * A failed call to an MLflow server. Transient failures (unreachable, HTTP 5xx, 429) may succeed
 * when tried again, possibly after {@link #retryAfterMillis()}; permanent ones (credentials,
 * not found, malformed answers) need someone to fix something first.
 */
public final class MlflowException extends ExperimentException {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;
    private final long retryAfterMillis;

    private MlflowException(String message, Throwable cause, boolean transientFailure, long retryAfterMillis) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfterMillis = retryAfterMillis;
    }

    static MlflowException permanent(String message, Throwable cause) {
        return new MlflowException(message, cause, false, -1);
    }

    static MlflowException transientFailure(String message, Throwable cause) {
        return new MlflowException(message, cause, true, -1);
    }

    static MlflowException retryAfter(String message, long retryAfterMillis) {
        return new MlflowException(message, null, true, retryAfterMillis);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** How long the server asked us to wait, or -1 when it named no time. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
