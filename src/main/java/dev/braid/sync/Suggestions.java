package dev.braid.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The known names closest to one that was mistyped: names that contain it or that it contains
 * first, then by edit distance (ignoring case), so "unknown source: demo" can say "did you mean
 * demo-mlflow?".
 */
public final class Suggestions {
    private Suggestions() {
    }

    /** Up to {@code limit} of {@code known} closest to {@code wanted}, closest first; none that are far off. */
    public static List<String> closest(String wanted, Collection<String> known, int limit) {
        String w = wanted == null ? "" : wanted.strip().toLowerCase(Locale.ROOT);
        record Scored(String name, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String name : known) {
            String n = name.toLowerCase(Locale.ROOT);
            int score;
            if (n.equals(w)) {
                score = 0;
            } else if (!w.isEmpty() && (n.contains(w) || w.contains(n))) {
                score = 1 + Math.abs(n.length() - w.length()) / 8;
            } else {
                int distance = distance(w, n);
                int allowed = Math.max(2, Math.min(w.length(), n.length()) / 3);
                if (distance > allowed) {
                    continue;
                }
                score = 10 + distance;
            }
            scored.add(new Scored(name, score));
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name));
        return scored.stream().limit(limit).map(Scored::name).toList();
    }

    /** " (did you mean a, b?)" or " (known: a, b, c)" or ""; for the end of an "unknown ..." message. */
    public static String hint(String wanted, Collection<String> known) {
        List<String> close = closest(wanted, known, 3);
        if (!close.isEmpty()) {
            return " (did you mean " + String.join(", ", close) + "?)";
        }
        if (known.isEmpty()) {
            return "";
        }
        List<String> some = known.stream().sorted(String.CASE_INSENSITIVE_ORDER).limit(8).toList();
        return " (known: " + String.join(", ", some) + (known.size() > some.size() ? ", …" : "") + ")";
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
