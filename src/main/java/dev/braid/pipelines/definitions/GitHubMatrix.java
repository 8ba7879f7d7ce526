package dev.braid.pipelines.definitions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * GitHub Actions' {@code strategy.matrix} expanded as GitHub documents it: the product of the
 * listed values (keys in the order written), minus every combination an {@code exclude} entry
 * matches, then each {@code include} entry added to every combination whose original values it
 * does not overwrite, or, where it fits none, added as a combination of its own.
 */
final class GitHubMatrix {
    /** GitHub refuses matrices larger than this. */
    static final int MAX_JOBS = 256;

    private GitHubMatrix() {
    }

    /** The combinations, or null when the matrix or one of its lists is computed at run time. */
    static List<Map<String, Object>> combinations(Object matrix) {
        if (!(matrix instanceof Map<?, ?> map)) {
            return null;
        }
        List<Map<String, Object>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        boolean anyKey = false;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (key.equals("include") || key.equals("exclude")) {
                continue;
            }
            if (!(entry.getValue() instanceof List<?> values)) {
                return null;
            }
            anyKey = true;
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> combo : combos) {
                for (Object value : values) {
                    Map<String, Object> grown = new LinkedHashMap<>(combo);
                    grown.put(key, value);
                    next.add(grown);
                }
            }
            combos = next;
            if (combos.size() > MAX_JOBS * 16) {
                break;
            }
        }
        if (!anyKey) {
            combos.clear();
        }
        Object exclude = map.get("exclude");
        Object include = map.get("include");
        if ((exclude != null && !(exclude instanceof List<?>)) || (include != null && !(include instanceof List<?>))) {
            return null;
        }
        for (Object rule : DefinitionYaml.list(exclude)) {
            Map<?, ?> without = DefinitionYaml.map(rule);
            combos.removeIf(combo -> !without.isEmpty() && matches(combo, without));
        }
        List<String> originalKeys = combos.isEmpty() ? List.of() : List.copyOf(combos.get(0).keySet());
        // Include entries join the combinations the lists made, never ones an earlier include made.
        List<Map<String, Object>> originals = List.copyOf(combos);
        for (Object rule : DefinitionYaml.list(include)) {
            Map<?, ?> extra = DefinitionYaml.map(rule);
            boolean added = false;
            for (Map<String, Object> combo : originals) {
                if (fits(combo, extra, originalKeys)) {
                    extra.forEach((k, v) -> combo.put(String.valueOf(k), v));
                    added = true;
                }
            }
            if (!added) {
                Map<String, Object> own = new LinkedHashMap<>();
                extra.forEach((k, v) -> own.put(String.valueOf(k), v));
                combos.add(own);
            }
        }
        return combos;
    }

    private static boolean matches(Map<String, Object> combo, Map<?, ?> partial) {
        for (Map.Entry<?, ?> entry : partial.entrySet()) {
            if (!Objects.equals(combo.get(String.valueOf(entry.getKey())), entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** An include entry joins a combination unless it would change one of the combination's original values. */
    private static boolean fits(Map<String, Object> combo, Map<?, ?> extra, List<String> originalKeys) {
        for (Map.Entry<?, ?> entry : extra.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (originalKeys.contains(key) && !Objects.equals(combo.get(key), entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** How GitHub writes one matrix value in a job name: scalars as written, objects and lists as JSON-like text. */
    static String display(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return YamlValues.brief(value);
        }
        return DefinitionYaml.text(value);
    }
}
