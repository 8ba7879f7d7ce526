package dev.braid.experiments.filter;

import java.util.ArrayList;
import java.util.List;

/** Reads the value of a comparison: a number, a quoted string, or a list for IN and NOT IN. */
final class ValueReader {
    private ValueReader() {
    }

    static FilterValue read(FilterScanner s, FieldRef field, Operator operator) throws FilterSyntaxException {
        if (operator.takesNoValue()) {
            return new FilterValue.None();
        }
        if (operator.takesList()) {
            return list(s, operator);
        }
        int at = s.position();
        if (field.numeric()) {
            String literal = s.number();
            if (literal == null) {
                String hint = s.peek() == '\'' || s.peek() == '"' ? " (without quotes)" : "";
                throw s.error(at, "expected a number for " + field.text() + hint + FilterParser.found(s));
            }
            boolean integral = literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
            return new FilterValue.Number(Double.parseDouble(literal), integral, literal);
        }
        if (s.peek() != '\'' && s.peek() != '"') {
            throw s.error(at, "expected a quoted string for " + field.text() + ", e.g. 'value'" + FilterParser.found(s));
        }
        return new FilterValue.Text(s.quoted());
    }

    private static FilterValue list(FilterScanner s, Operator operator) throws FilterSyntaxException {
        if (s.peek() != '(') {
            throw s.error(s.position(), "expected a list in parentheses after " + operator.text()
                    + ", e.g. ('a', 'b')" + FilterParser.found(s));
        }
        int open = s.position();
        s.advance(1);
        List<String> values = new ArrayList<>();
        while (true) {
            s.skipWhitespace();
            if (s.peek() == ')') {
                if (values.isEmpty()) {
                    throw s.error(open, "the list after " + operator.text() + " is empty");
                }
                s.advance(1);
                return new FilterValue.TextList(values);
            }
            char quote = s.peek();
            if (quote != '\'' && quote != '"') {
                throw s.error(s.position(), "expected a quoted string in the list" + FilterParser.found(s));
            }
            if (values.size() == FilterParser.MAX_LIST_VALUES) {
                throw s.error(s.position(), "the list after " + operator.text() + " has more than "
                        + FilterParser.MAX_LIST_VALUES + " values, the most a filter may hold");
            }
            values.add(unescape(s.quoted(), quote));
            s.skipWhitespace();
            if (s.peek() == ',') {
                s.advance(1);
            } else if (s.peek() != ')') {
                throw s.error(s.position(), "expected ',' or ')' in the list" + FilterParser.found(s));
            }
        }
    }

    /**
     * MLflow reads IN lists as Python literals, so backslash escapes count there and two adjacent
     * quoted pieces ('a''b') join into one string.
     */
    static String unescape(String raw, char quote) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char e = raw.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '\\', '\'', '"' -> out.append(e);
                    default -> out.append('\\').append(e);
                }
            } else if (c == quote && i + 1 < raw.length() && raw.charAt(i + 1) == quote) {
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
