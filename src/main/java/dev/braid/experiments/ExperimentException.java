package dev.braid.experiments;

/** Something the user asked of the experiments feature could not be done; the message says why. */
public class ExperimentException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExperimentException(String message) {
        super(message);
    }

    public ExperimentException(String message, Throwable cause) {
        super(message, cause);
    }
}
