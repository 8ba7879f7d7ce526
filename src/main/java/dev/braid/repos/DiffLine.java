package dev.braid.repos;

/**
 * One line of a unified diff. Line numbers are 1-based and 0 where the line has no side there
 * (an added line has no old number); hunk headers carry neither.
 */
public record DiffLine(Kind kind, int oldLine, int newLine, String text) {
    public enum Kind { HUNK, CONTEXT, ADDED, REMOVED }
}
