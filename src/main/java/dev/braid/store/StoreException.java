package dev.braid.store;

/**
 * A database failure while the cache is open; wraps the SQL error. {@link #problem()} says when
 * the failure is about the cache file itself (full disk, read-only, damaged...), so that callers
 * can give the right advice instead of a raw SQLite message.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final CacheProblem problem;

    public StoreException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public StoreException(String message, Throwable cause, CacheProblem problem) {
        super(message, cause);
        this.problem = problem;
    }

    /** What is wrong with the cache file, or null when the failure says nothing about it. */
    public CacheProblem problem() {
        return problem;
    }

    /** The nearest {@link StoreException} in {@code error}'s causes, or null. */
    public static StoreException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StoreException s) {
                return s;
            }
        }
        return null;
    }
}
