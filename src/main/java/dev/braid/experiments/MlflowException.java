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
    private final boolean notFound;

    private MlflowException(String message, Throwable cause, boolean transientFailure, long retryAfterMillis,
                            boolean notFound) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfterMillis = retryAfterMillis;
        this.notFound = notFound;
    }

    private MlflowException(String message, Throwable cause, boolean transientFailure, long retryAfterMillis) {
        this(message, cause, transientFailure, retryAfterMillis, false);
    }

    /** The server answered 404: no such endpoint (an older MLflow) or no such object. Permanent. */
    static MlflowException notFound(String message) {
        return new MlflowException(message, null, false, -1, true);
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

    /** True when the server answered 404. */
    public boolean isNotFound() {
        return notFound;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** How long the server asked us to wait, or -1 when it named no time. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
