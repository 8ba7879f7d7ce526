package dev.braid.pipelines.dvc;

import dev.braid.pipelines.definitions.DefinitionYaml;
import dev.braid.sync.SafeYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Params and metrics files: read (YAML and JSON) and flattened to DVC's dotted keys. */
final class DvcValues {
    private DvcValues() {
    }

    /** The top-level mapping of a params or metrics file; other formats are noted and skipped. */
    static Optional<Map<?, ?>> readParamsFile(String path, String text, List<String> notes) {
        String lower = path.toLowerCase();
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
            notes.add(path + ": Braid reads YAML and JSON params and metrics files; this one was left out.");
            return Optional.empty();
        }
        try {
            Object loaded = DefinitionYaml.load(path, text);
            if (loaded == null) {
                return Optional.of(Map.of());
            }
            if (!(loaded instanceof Map<?, ?> map)) {
                notes.add(path + ": expected a mapping at the top; it was left out.");
                return Optional.empty();
            }
            return Optional.of(map);
        } catch (SafeYaml.UnreadableYamlException e) {
            notes.add(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Nested mappings flattened to {@code a.b.c} keys, as DVC shows them: scalars as they are,
     * lists (and empty mappings) as Python writes them ({@code ['a', 'b']}), which is also what
     * DVC's {@code --json} output holds for them.
     */
    static Map<String, Object> flatten(Map<?, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        flattenInto("", values, out);
        return out;
    }

    private static void flattenInto(String prefix, Map<?, ?> values, Map<String, Object> out) {
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested && !nested.isEmpty()) {
                flattenInto(key, nested, out);
            } else {
                Object value = entry.getValue();
                out.put(key, value instanceof List<?> || value instanceof Map<?, ?> ? PythonText.str(value) : value);
            }
        }
    }

    /** A value at a dotted key of a nested mapping, or {@link #MISSING}. */
    static Object at(Map<?, ?> values, String dotted) {
        if (values.containsKey(dotted)) {
            return values.get(dotted);
        }
        Object current = values;
        for (String part : dotted.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return MISSING;
            }
            current = map.get(part);
        }
        return current;
    }

    /** Marks a key a file does not have (null is a value YAML can hold). */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "(missing)";
        }
    };

    /** Equality as Python compares loaded values: 1 == 1.0. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Boolean) && !(b instanceof Boolean)) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0 || x.equals(y);
        }
        return java.util.Objects.equals(a, b);
    }
}
