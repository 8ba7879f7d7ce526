package dev.braid.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds text an event cannot carry into the graph faithfully: a lone UTF-16 surrogate (JSON can
 * spell one as <code>"&#92;ud800"</code>, but UTF-8, and so the cache, cannot hold it: it would become
 * {@code ?} and two different names one node) and NUL, which ends strings in too many tools.
 * Such an event is refused at the door with the path of the first offending string.
 */
final class UnstorableText {
    private UnstorableText() {
    }

    /** The first offence: where (a path such as {@code job.name}) and what; null when everything can be stored. */
    record Offence(String path, String problem) {
    }

    static Offence find(JsonNode node) {
        return find(node, "");
    }

    private static Offence find(JsonNode node, String path) {
        if (node.isTextual()) {
            String problem = problem(node.textValue());
            return problem == null ? null : new Offence(path, problem);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Offence found = find(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                String problem = problem(field.getKey());
                if (problem != null) {
                    return new Offence(where + " (the key)", problem);
                }
                Offence found = find(field.getValue(), where);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** What is wrong with {@code text}, or null. */
    static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == 0) {
                return "contains NUL (\\u0000), which Braid does not store";
            }
            if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return String.format("contains a lone UTF-16 surrogate (\\u%04x), which is not text and cannot be stored"
                        + " faithfully", (int) ch);
            }
        }
        return null;
    }
}
