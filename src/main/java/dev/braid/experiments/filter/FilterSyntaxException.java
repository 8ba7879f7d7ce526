package dev.braid.experiments.filter;

/**
 * A filter or order-by expression that cannot be understood. {@link #position()} is the 0-based
 * character offset of the mistake in {@link #expression()}; {@link #caretLine()} renders both for a
 * terminal or a text field with a fixed-width font.
 */
public final class FilterSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String expression;
    private final int position;
    private final String reason;

    /** {@code reason} says what is wrong, without the position; the message adds it. */
    public FilterSyntaxException(String expression, int position, String reason) {
        super("position " + position + ": " + reason);
        this.expression = expression == null ? "" : expression;
        this.position = Math.max(0, Math.min(position, this.expression.length()));
        this.reason = reason;
    }

    /** The whole expression that was being read. */
    public String expression() {
        return expression;
    }

    /** 0-based offset of the mistake; equals the length of the expression when it ended too early. */
    public int position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /**
     * The expression on one line and a caret under the mistake on the next, e.g.
     * <pre>
     * metrics.rmse 0.5
     *              ^
     * </pre>
     * Tabs and line breaks in the expression are shown as spaces so the caret stays aligned.
     */
    public String caretLine() {
        String flat = expression.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        return flat + "\n" + " ".repeat(position) + "^";
    }
}
