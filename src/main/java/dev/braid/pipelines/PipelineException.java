package dev.braid.pipelines;

import dev.braid.sync.RequestRetry;

/**
 * A pipeline source or the pipelines cache could not do what was asked, in words a user can act on
 * (never with a secret in them). Transient failures (network, 5xx, rate limits) may be retried.
 */
public final class PipelineException extends Exception implements RequestRetry.Failure {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;
    private final long retryAfterMillis;
    private final boolean notFound;

    private PipelineException(String message, Throwable cause, boolean transientFailure, long retryAfterMillis,
                              boolean notFound) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfterMillis = retryAfterMillis;
        this.notFound = notFound;
    }

    public static PipelineException permanent(String message, Throwable cause) {
        return new PipelineException(message, cause, false, -1, false);
    }

    public static PipelineException transientFailure(String message, Throwable cause) {
        return new PipelineException(message, cause, true, -1, false);
    }

    /** The server asked us to wait this long (a rate limit) before asking again. */
    public static PipelineException retryAfter(String message, long retryAfterMillis) {
        return new PipelineException(message, null, true, retryAfterMillis, false);
    }

    /** HTTP 404: the project, run or job does not exist (or is hidden from these credentials). */
    public static PipelineException notFound(String message) {
        return new PipelineException(message, null, false, -1, true);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    public boolean isNotFound() {
        return notFound;
    }
}
