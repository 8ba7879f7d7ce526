package dev.braid.features.ui;

/** One line of a version comparison: a field added, removed or retyped, another change, or a note. */
public record DiffLine(Kind kind, String text) {
    public enum Kind { ADDED, REMOVED, RETYPED, CHANGED, NOTE }
}
