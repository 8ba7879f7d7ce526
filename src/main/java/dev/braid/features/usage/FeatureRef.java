package dev.braid.features.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Feast feature reference as runs record them: {@code view:feature}, {@code view@v2:feature}
 * (a pinned Feast version), or a view alone ({@code view}, {@code view@v2}) where a list names
 * whole views. A Braid hash label may stand where Feast's number does ({@code view@3f2a9c1e7b04:feature}).
 *
 * @param version the pinned version label ({@code v2}, a hash label), or null when the reference follows the latest
 * @param feature null for a whole view
 */
public record FeatureRef(String view, String version, String feature) {
    private static final Pattern REF = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_.\\-]*)(?:@(v\\d{1,9}|[0-9a-f]{12}|latest))?(?::([A-Za-z0-9_.\\-]+))?");

    /** One reference, or empty when {@code text} is not one. */
    public static Optional<FeatureRef> parse(String text) {
        Matcher m = REF.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String version = "latest".equals(m.group(2)) ? null : m.group(2);
        return Optional.of(new FeatureRef(m.group(1), version, m.group(3)));
    }

    /**
     * The references of a value that is a list of them: comma- or space-separated, or a JSON list
     * of strings ({@code ["a:x", "b@v1:y"]}, as {@code mlflow.log_param} writes a Python list).
     * Empty unless every item is a reference; {@code withFeatures} requires each to name a feature.
     */
    public static List<FeatureRef> parseList(String value, boolean withFeatures) {
        if (value == null || value.isBlank() || value.length() > 100_000) {
            return List.of();
        }
        String text = value.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        List<FeatureRef> out = new ArrayList<>();
        for (String item : text.split("[,\\s]+")) {
            String clean = item.strip();
            if (clean.length() >= 2 && (clean.startsWith("\"") && clean.endsWith("\"") || clean.startsWith("'") && clean.endsWith("'"))) {
                clean = clean.substring(1, clean.length() - 1);
            }
            if (clean.isEmpty()) {
                continue;
            }
            Optional<FeatureRef> ref = parse(clean);
            if (ref.isEmpty() || withFeatures && ref.get().feature() == null) {
                return List.of();
            }
            out.add(ref.get());
        }
        return out;
    }

    @Override
    public String toString() {
        return view + (version == null ? "" : "@" + version) + (feature == null ? "" : ":" + feature);
    }
}
