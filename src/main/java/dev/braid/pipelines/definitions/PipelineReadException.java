package dev.braid.pipelines.definitions;

/** A repository, commit or file that cannot be read for its pipelines; the message says which and why. */
public final class PipelineReadException extends Exception {
    private static final long serialVersionUID = 1L;

    public PipelineReadException(String message) {
        super(message);
    }

    public PipelineReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
