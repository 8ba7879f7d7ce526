package dev.braid.experiments.filter;

/**
 * Reads an expression character by character for the parsers: whitespace, words, keywords, quoted
 * text and number literals. Mutable and single-use; one instance per parse.
 */
final class FilterScanner {
    private final String text;
    private int pos;

    FilterScanner(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** The current character, or NUL at the end. */
    char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    void advance(int count) {
        pos = Math.min(text.length(), pos + count);
    }

    void skipWhitespace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    FilterSyntaxException error(int at, String reason) {
        return new FilterSyntaxException(text, at, reason);
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Reads letters, digits and underscores (and dots when {@code dots}); "" if there are none. */
    String word(boolean dots) {
        int start = pos;
        while (!atEnd() && (isWordChar(peek()) || (dots && peek() == '.'))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** The word at the current position without consuming it ("" if none). */
    String peekWord() {
        int end = pos;
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        return text.substring(pos, end);
    }

    /** Consumes {@code keyword} (any case) when it is the whole word at the current position. */
    boolean keyword(String keyword) {
        if (peekWord().equalsIgnoreCase(keyword)) {
            pos += keyword.length();
            return true;
        }
        return false;
    }

    /**
     * Reads a string in {@code '}, {@code "} or backticks starting at the current position and
     * returns what lies between the quotes, unchanged. As in MLflow's tokenizer, a doubled quote or
     * a backslash before a quote does not end a single- or double-quoted string (and MLflow keeps
     * them in the value as written, so this does too).
     */
    String quoted() throws FilterSyntaxException {
        int open = pos;
        char quote = peek();
        pos++;
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (quote != '`' && c == '\\' && pos + 1 < text.length()) {
                out.append(c).append(text.charAt(pos + 1));
                pos += 2;
            } else if (c == quote && quote != '`' && peek(1) == quote) {
                out.append(c).append(c);
                pos += 2;
            } else if (c == quote) {
                pos++;
                return out.toString();
            } else {
                out.append(c);
                pos++;
            }
        }
        throw error(open, "the " + describeQuote(quote) + " opened here is never closed");
    }

    private static String describeQuote(char quote) {
        return switch (quote) {
            case '`' -> "backtick";
            case '"' -> "double quote";
            default -> "quote";
        };
    }

    /**
     * Reads a number literal such as {@code 3}, {@code -0.5}, {@code .5} or {@code 1e-3}, or
     * returns null (consuming nothing) when there is none here.
     */
    String number() {
        int start = pos;
        int i = pos;
        if (i < text.length() && text.charAt(i) == '-') {
            i++;
        }
        int digits = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            i++;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < text.length() && (text.charAt(j) == '-' || text.charAt(j) == '+')) {
                j++;
            }
            int expDigits = 0;
            while (j < text.length() && Character.isDigit(text.charAt(j))) {
                j++;
                expDigits++;
            }
            if (expDigits > 0) {
                i = j;
            }
        }
        if (i < text.length() && isWordChar(text.charAt(i))) {
            return null;
        }
        pos = i;
        return text.substring(start, i);
    }
}
