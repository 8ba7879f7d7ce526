package dev.braid.features.git;

/**
 * A token of Python source: a name, a number, a string (its value, quotes and prefixes removed), an
 * operator or bracket, or the end of a logical line. {@code column} is where the token's line
 * starts being indented for the first token of a line, so module-level statements can be told apart.
 */
record PyToken(Kind kind, String text, int line, int column) {
    enum Kind { NAME, NUMBER, STRING, OP, NEWLINE, END }

    boolean is(String op) {
        return kind == Kind.OP && text.equals(op);
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }
}
