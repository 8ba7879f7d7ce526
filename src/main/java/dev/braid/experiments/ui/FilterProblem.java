package dev.braid.experiments.ui;

/**
 * Why the filter text was not applied: the reason and the 0-based position of the mistake in the
 * text (-1 when the position is not known).
 */
public record FilterProblem(String reason, int position) {
    /** "position 12: expected a value", or the reason alone when the position is unknown. */
    public String message() {
        return position < 0 ? reason : "position " + position + ": " + reason;
    }

    /** Spaces up to the position, then a caret; empty when the position is unknown. */
    public String caret() {
        return position < 0 ? "" : " ".repeat(position) + "^";
    }
}
