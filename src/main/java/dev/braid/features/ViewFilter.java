package dev.braid.features;

import java.util.ArrayList;
import java.util.List;

/**
 * Which feature views a listing or search shows: one source or all, one project or all, removed
 * views or not, and search words. Each word must match: {@code owner:ana}, {@code entity:customer},
 * {@code tag:team} or {@code tag:team=risk}, {@code project:fraud}, or plain text found in a view's
 * name, owner, tags, entities, description or field names (ignoring case).
 */
public record ViewFilter(String source, String project, String text, boolean includeRemoved) {
    public static final ViewFilter ALL = new ViewFilter(null, null, null, false);

    public static ViewFilter search(String text) {
        return new ViewFilter(null, null, text, false);
    }

    /** The search words, split on white space. */
    List<String> words() {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String w : text.strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }
}
