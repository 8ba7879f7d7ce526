package dev.braid.experiments.filter;

/** Reads one order-by clause: {@code KEY [ASC|DESC]}, with keys written as in filters. */
final class OrderKeyParser {
    private OrderKeyParser() {
    }

    static OrderKey parse(String clause) throws FilterSyntaxException {
        String text = clause == null ? "" : clause;
        FilterScanner s = new FilterScanner(text);
        s.skipWhitespace();
        int start = s.position();
        if (s.atEnd()) {
            throw s.error(start, "expected a key to order by, such as metrics.rmse DESC");
        }
        FieldRef field = KeyReader.read(s, true);
        if (field.entity() == Entity.DATASET) {
            throw s.error(start, "runs cannot be ordered by a dataset field");
        }
        if (!s.atEnd() && !Character.isWhitespace(s.peek())) {
            throw s.error(s.position(), "unexpected '" + s.peek() + "' in the key '" + field.text()
                    + "'; quote keys that contain it, e.g. " + field.entity().prefix() + ".`my-key`");
        }
        s.skipWhitespace();
        boolean ascending = true;
        if (!s.atEnd()) {
            int at = s.position();
            if (s.keyword("DESC")) {
                ascending = false;
            } else if (!s.keyword("ASC")) {
                throw s.error(at, "expected ASC or DESC after '" + field.text() + "'" + FilterParser.found(s));
            }
            s.skipWhitespace();
            if (!s.atEnd()) {
                throw s.error(s.position(), "expected nothing after the sort direction" + FilterParser.found(s));
            }
        }
        return new OrderKey(field, ascending);
    }
}
