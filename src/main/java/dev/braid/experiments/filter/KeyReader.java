package dev.braid.experiments.filter;

import java.util.Set;

/**
 * Reads a key such as {@code metrics.rmse}, {@code params.`learning-rate`}, {@code tags."a b"},
 * {@code attributes.status} or a bare attribute ({@code status}), the way MLflow splits it: the
 * prefix up to the first dot names the entity, the rest (dots included) is the name.
 */
final class KeyReader {
    private static final Set<String> DATASET_FIELDS = Set.of("name", "digest", "context");

    private KeyReader() {
    }

    /** {@code forOrder} selects the attribute names valid in order-by (no "run name" aliases). */
    static FieldRef read(FilterScanner s, boolean forOrder) throws FilterSyntaxException {
        int start = s.position();
        String prefix = isQuote(s.peek()) ? s.quoted() : s.word(false);
        if (prefix.isEmpty()) {
            throw s.error(start, "expected a key such as metrics.rmse, params.lr, tags.team or attributes.status"
                    + FilterParser.found(s));
        }
        if (s.peek() != '.') {
            if (Entity.fromPrefix(prefix).isPresent()) {
                throw s.error(s.position(), "expected '.' and a name after '" + prefix + "'");
            }
            return resolve(s, start, Entity.ATTRIBUTE, prefix, forOrder);
        }
        Entity entity = Entity.fromPrefix(prefix).orElseThrow(() -> s.error(start,
                "unknown key type '" + prefix + "': use metrics., params., tags., attributes. or datasets."));
        s.advance(1);
        int nameAt = s.position();
        String name;
        if (isQuote(s.peek())) {
            name = s.quoted();
            if (FilterScanner.isWordChar(s.peek()) || s.peek() == '.') {
                throw s.error(s.position(), "unexpected '" + s.peek() + "' right after a quoted name");
            }
        } else {
            name = s.word(true);
            if (name.isEmpty()) {
                throw s.error(nameAt, "expected a name after '" + prefix + ".'" + FilterParser.found(s));
            }
        }
        return resolve(s, start, entity, name, forOrder);
    }

    private static FieldRef resolve(FilterScanner s, int start, Entity entity, String name, boolean forOrder)
            throws FilterSyntaxException {
        String text = s.text().substring(start, s.position());
        switch (entity) {
            case ATTRIBUTE -> {
                var attribute = forOrder ? RunAttribute.forOrder(name) : RunAttribute.forFilter(name);
                if (attribute.isEmpty()) {
                    throw s.error(start, "unknown attribute '" + name + "' (valid: " + RunAttribute.validNames() + ")");
                }
                return new FieldRef(entity, attribute.get().column(), attribute.get(), text);
            }
            case DATASET -> {
                if (!DATASET_FIELDS.contains(name)) {
                    throw s.error(start, "unknown dataset field '" + name + "' (valid: name, digest, context)");
                }
                return new FieldRef(entity, name, null, text);
            }
            default -> {
                return new FieldRef(entity, name, null, text);
            }
        }
    }

    private static boolean isQuote(char c) {
        return c == '`' || c == '"';
    }
}
