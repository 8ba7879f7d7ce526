package dev.braid.experiments.filter;

/** Reads the comparison operator after a key. */
final class OperatorReader {
    private OperatorReader() {
    }

    static Operator read(FilterScanner s, FieldRef field) throws FilterSyntaxException {
        int at = s.position();
        char c = s.peek();
        char d = s.peek(1);
        switch (c) {
            case '=' -> {
                if (d == '=') {
                    throw s.error(at, "'==' is not an operator here; use '='");
                }
                s.advance(1);
                return Operator.EQ;
            }
            case '!' -> {
                if (d != '=') {
                    throw s.error(at, "expected '!='");
                }
                s.advance(2);
                return Operator.NE;
            }
            case '<' -> {
                if (d == '>') {
                    throw s.error(at, "'<>' is not an operator here; use '!='");
                }
                s.advance(d == '=' ? 2 : 1);
                return d == '=' ? Operator.LE : Operator.LT;
            }
            case '>' -> {
                s.advance(d == '=' ? 2 : 1);
                return d == '=' ? Operator.GE : Operator.GT;
            }
            default -> {
                return word(s, field, at);
            }
        }
    }

    private static Operator word(FilterScanner s, FieldRef field, int at) throws FilterSyntaxException {
        if (s.keyword("LIKE")) {
            return Operator.LIKE;
        }
        if (s.keyword("ILIKE")) {
            return Operator.ILIKE;
        }
        if (s.keyword("IN")) {
            return Operator.IN;
        }
        if (s.keyword("NOT")) {
            s.skipWhitespace();
            if (!s.keyword("IN")) {
                throw s.error(s.position(), "expected IN after NOT (NOT LIKE and other negations are not supported)");
            }
            return Operator.NOT_IN;
        }
        if (s.keyword("IS")) {
            s.skipWhitespace();
            boolean not = s.keyword("NOT");
            s.skipWhitespace();
            if (!s.keyword("NULL")) {
                throw s.error(s.position(), "expected " + (not ? "NULL after IS NOT" : "NULL or NOT NULL after IS"));
            }
            return not ? Operator.IS_NOT_NULL : Operator.IS_NULL;
        }
        throw s.error(at, "expected a comparison operator after '" + field.text() + "'" + FilterParser.found(s));
    }
}
