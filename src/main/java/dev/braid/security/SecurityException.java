package dev.braid.security;

/** A governance action that cannot be done, with a message a user can act on. */
public class SecurityException extends Exception {
    public SecurityException(String message) {
        super(message);
    }

    public SecurityException(String message, Throwable cause) {
        super(message, cause);
    }
}
