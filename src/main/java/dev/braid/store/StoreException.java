package dev.braid.store;

/** An unexpected database failure while the cache is open; wraps the SQL error. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
