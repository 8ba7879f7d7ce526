package dev.braid.pipelines.definitions;

import dev.braid.sync.SafeYaml;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reading pipeline files through {@link SafeYaml} (bounded, merge keys applied, unknown tags such
 * as GitLab's {@code !reference} kept as {@link SafeYaml.Tagged}), and the small conversions the
 * readers share.
 */
public final class DefinitionYaml {
    private static final SafeYaml YAML = SafeYaml.standard();

    private DefinitionYaml() {
    }

    /** The first document of {@code text}, or null when it is empty. */
    public static Object load(String label, String text) throws SafeYaml.UnreadableYamlException {
        return YAML.load(label, text);
    }

    /** Every document of {@code text} (a {@code ---}-separated stream). */
    public static List<Object> loadAll(String label, String text) throws SafeYaml.UnreadableYamlException {
        return YAML.loadAll(label, text);
    }

    /** A mapping, or an empty map for anything else. */
    public static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    /** A list, a single value as a list of one, or an empty list for null. */
    public static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? l : List.of(value);
    }

    /** A scalar as text, or empty for null. */
    public static String text(Object value) {
        return value == null ? "" : Objects.toString(value);
    }
}
