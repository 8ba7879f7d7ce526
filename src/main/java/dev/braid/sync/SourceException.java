package dev.braid.sync;

/** A change to a source that cannot be made (an unknown source, a name already taken), in plain words. */
public final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }
}
