package dev.braid.experiments.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for MLflow's run search syntax plus Braid's OR and parentheses:
 * <pre>
 * filter     := or END
 * or         := and ("OR" and)*
 * and        := primary ("AND" primary)*
 * primary    := "(" or ")" | comparison
 * comparison := key operator value
 * </pre>
 * AND binds tighter than OR; keywords are case-insensitive.
 */
final class FilterParser {
    private final FilterScanner s;

    private FilterParser(FilterScanner scanner) {
        this.s = scanner;
    }

    static FilterNode parse(String expression) throws FilterSyntaxException {
        if (expression == null || expression.isBlank()) {
            return new FilterNode.All();
        }
        FilterParser parser = new FilterParser(new FilterScanner(expression));
        FilterNode node = parser.or(-1);
        parser.s.skipWhitespace();
        if (!parser.s.atEnd()) {
            String reason = parser.s.peek() == ')'
                    ? "unexpected ')' without a matching '('"
                    : "expected AND, OR or the end of the filter" + found(parser.s);
            throw parser.s.error(parser.s.position(), reason);
        }
        return node;
    }

    private FilterNode or(int openParen) throws FilterSyntaxException {
        List<FilterNode> parts = new ArrayList<>();
        parts.add(and(openParen));
        while (true) {
            s.skipWhitespace();
            if (!s.keyword("OR")) {
                return parts.size() == 1 ? parts.get(0) : new FilterNode.Or(parts);
            }
            parts.add(and(openParen));
        }
    }

    private FilterNode and(int openParen) throws FilterSyntaxException {
        List<FilterNode> parts = new ArrayList<>();
        parts.add(primary(openParen));
        while (true) {
            s.skipWhitespace();
            if (!s.keyword("AND")) {
                return parts.size() == 1 ? parts.get(0) : new FilterNode.And(parts);
            }
            parts.add(primary(openParen));
        }
    }

    private FilterNode primary(int openParen) throws FilterSyntaxException {
        s.skipWhitespace();
        if (s.peek() != '(') {
            return comparison();
        }
        int open = s.position();
        s.advance(1);
        FilterNode inner = or(open);
        s.skipWhitespace();
        if (s.peek() != ')') {
            throw s.error(s.position(), "expected AND, OR or ')' to close the '(' at position " + open + found(s));
        }
        s.advance(1);
        return inner;
    }

    private FilterNode comparison() throws FilterSyntaxException {
        int start = s.position();
        if (s.atEnd()) {
            throw s.error(start, "expected a comparison such as metrics.rmse < 0.5");
        }
        FieldRef field = KeyReader.read(s, false);
        char next = s.peek();
        if (!s.atEnd() && !Character.isWhitespace(next) && "=!<>".indexOf(next) < 0) {
            throw s.error(s.position(), "unexpected '" + next + "' in the key '" + field.text()
                    + "'; quote keys that contain it, e.g. " + field.entity().prefix() + ".`my-key`");
        }
        s.skipWhitespace();
        int operatorAt = s.position();
        Operator operator = OperatorReader.read(s, field);
        String problem = ComparisonRules.problem(field, operator);
        if (problem != null) {
            throw s.error(operatorAt, problem);
        }
        s.skipWhitespace();
        return new FilterNode.Comparison(field, operator, ValueReader.read(s, field, operator), start);
    }

    /** ", found 'xyz'" describing what comes next, or ", found the end of the filter". */
    static String found(FilterScanner s) {
        if (s.atEnd()) {
            return ", found the end of the expression";
        }
        String rest = s.text().substring(s.position());
        int end = 0;
        while (end < rest.length() && end < 20 && !Character.isWhitespace(rest.charAt(end))) {
            end++;
        }
        return ", found '" + rest.substring(0, Math.max(1, end)) + "'";
    }
}
