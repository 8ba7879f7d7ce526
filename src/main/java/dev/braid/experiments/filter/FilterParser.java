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
 *
 * <p>A filter holds at most {@link #MAX_COMPARISONS} comparisons, {@link #MAX_NESTING} levels of
 * parentheses and {@link #MAX_LIST_VALUES} values per IN list: within those, every query the cache
 * builds from it stays inside SQLite's own limits (500 terms in a compound SELECT, an expression
 * tree 1,000 deep), and the parser's recursion inside a small stack. Past them the filter is
 * refused with the reason, as any other mistake is.
 */
final class FilterParser {
    /** Comparisons in one filter. */
    static final int MAX_COMPARISONS = 200;
    /** Parentheses inside each other. */
    static final int MAX_NESTING = 50;
    /** Values in one IN or NOT IN list. */
    static final int MAX_LIST_VALUES = 10_000;
    private final FilterScanner s;
    private int comparisons;
    private int nesting;

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
        if (nesting == MAX_NESTING) {
            throw s.error(open, "more than " + MAX_NESTING + " parentheses inside each other, the most a filter may"
                    + " nest; write the condition flatter");
        }
        s.advance(1);
        nesting++;
        FilterNode inner = or(open);
        nesting--;
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
        if (++comparisons > MAX_COMPARISONS) {
            throw s.error(start, "more than " + MAX_COMPARISONS + " comparisons, the most a filter may hold; split it into"
                    + " smaller filters, or use IN ('a', 'b', ...) for many values of one key");
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
