package dev.braid.store;

/**
 * A database failure while the cache is open; wraps the SQL error. {@link #problem()} says when
 * the failure is about the cache file itself (full disk, read-only, damaged...), so that callers
 * can give the right advice instead of a raw SQLite message.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final CacheProblem problem;
    private final String finding;

    public StoreException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public StoreException(String message, Throwable cause, CacheProblem problem) {
        this(message, cause, problem, null);
    }

    /**
     * @param finding what Braid itself found, for a failure no SQL error caused (a check's finding);
     *                {@link #detail()} gives it
     */
    public StoreException(String message, Throwable cause, CacheProblem problem, String finding) {
        super(message, cause);
        this.problem = problem;
        this.finding = finding;
    }

    /**
     * What the failure says beyond its problem's summary: SQLite's words when an SQL error caused
     * it, else the finding it was made with, else null.
     */
    public String detail() {
        return getCause() != null ? getCause().getMessage() : finding;
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
