package dev.braid.features;

/** A feature question or command that cannot be answered as asked (unknown view or version, ambiguous name, bad address). */
public final class FeatureException extends Exception {
    private static final long serialVersionUID = 1L;

    public FeatureException(String message) {
        super(message);
    }

    public FeatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
