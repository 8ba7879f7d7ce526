package dev.braid.repos;

/** A repository operation the user asked for could not be done; the message says why, plainly. */
public final class RepoException extends Exception {
    private static final long serialVersionUID = 1L;

    public RepoException(String message) {
        super(message);
    }

    public RepoException(String message, Throwable cause) {
        super(message, cause);
    }
}
