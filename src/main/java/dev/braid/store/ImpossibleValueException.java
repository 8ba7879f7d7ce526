package dev.braid.store;

/**
 * A value read from the cache that Braid never writes: an unknown state name, a malformed id, a
 * number out of range. Either the file was changed underneath SQLite (a flipped byte) or another
 * program wrote it. Raised by {@link Database#read} when the code turning rows into records
 * fails; callers run {@link CacheCheck} before saying which.
 */
public final class ImpossibleValueException extends StoreException {
    private static final long serialVersionUID = 1L;
    /** How every such message begins. */
    public static final String PREFIX = "the cache holds a value Braid cannot read";

    public ImpossibleValueException(String message, Throwable cause) {
        super(message, cause, null);
    }
}
