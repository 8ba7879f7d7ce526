package dev.braid.pipelines.definitions;

import dev.braid.sync.SafeYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over the maps and lists {@link DefinitionYaml} returns. */
final class YamlValues {
    private YamlValues() {
    }

    /**
     * {@code over} deep-merged onto {@code base}, as GitLab merges {@code extends} and includes:
     * mappings merge key by key, anything else (lists included) is replaced.
     */
    static Map<Object, Object> deepMerge(Map<?, ?> base, Map<?, ?> over) {
        Map<Object, Object> out = new LinkedHashMap<>(base);
        for (Map.Entry<?, ?> entry : over.entrySet()) {
            Object mine = out.get(entry.getKey());
            if (mine instanceof Map<?, ?> a && entry.getValue() instanceof Map<?, ?> b) {
                out.put(entry.getKey(), deepMerge(a, b));
            } else {
                out.put(entry.getKey(), entry.getValue());
            }
        }
        return out;
    }

    /** The values of a list flattened one level per nesting, the way CI systems flatten anchors of lists. */
    static List<Object> flatten(Object value) {
        List<Object> out = new ArrayList<>();
        flattenInto(value, out, 0);
        return out;
    }

    private static void flattenInto(Object value, List<Object> out, int depth) {
        if (value instanceof List<?> list && depth < 10) {
            for (Object item : list) {
                flattenInto(item, out, depth + 1);
            }
        } else if (value != null) {
            out.add(value);
        }
    }

    /** Text of a scalar, or null for a collection or null. */
    static String scalar(Object value) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?> || value instanceof SafeYaml.Tagged) {
            return null;
        }
        return String.valueOf(value);
    }

    /** A short one-line form of any value, for attributes. */
    static String brief(Object value) {
        String text = value instanceof SafeYaml.Tagged tagged ? tagged.tag() + " " + tagged.value() : String.valueOf(value);
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 199) + "…" : text;
    }
}
