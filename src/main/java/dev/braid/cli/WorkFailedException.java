package dev.braid.cli;

/** The command was used correctly but its work could not be done: exit code 1, message on stderr. */
final class WorkFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkFailedException(String message) {
        super(message);
    }

    WorkFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
