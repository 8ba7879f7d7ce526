package dev.braid.store;

import java.nio.file.Path;

/** The cache at {@link #file()} could not be opened for the reason in {@link #problem()}. */
public final class CacheOpenException extends Exception {
    private static final long serialVersionUID = 1L;
    private final CacheProblem problem;
    private final transient Path file;
    private final String detail;

    public CacheOpenException(CacheProblem problem, Path file, String detail, Throwable cause) {
        super(problem.summary() + " (" + file + ")" + (detail == null ? "" : ": " + detail), cause);
        this.problem = problem;
        this.file = file;
        this.detail = detail;
    }

    public CacheProblem problem() {
        return problem;
    }

    public Path file() {
        return file;
    }

    /** What went wrong beyond the problem's summary (SQLite's or the file system's words), or null. */
    public String detail() {
        return detail;
    }

    /** A message for a person: what happened, where, and what they can do. */
    public String userMessage() {
        return getMessage() + "\n" + problem.advice();
    }
}
