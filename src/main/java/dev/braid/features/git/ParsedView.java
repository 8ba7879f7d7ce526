package dev.braid.features.git;

import dev.braid.features.feast.ViewField;
import java.util.List;
import java.util.Map;

/**
 * A feature view as a definition file in git declares it: what Feast would make of it, as far as
 * the file says without running it. {@code schema} is the fields with their types and entities, in
 * name order, the part Feast versions on; {@code definition} adds the rest (TTL, source, tags,
 * transformation text), so a change Feast applies in place is still seen.
 */
record ParsedView(String name, String kind, List<ViewField> fields, List<String> entities, List<String> sourceViews,
                  Long ttlSeconds, String source, Map<String, String> tags, String owner, String bodyHash, String file) {
    ParsedView {
        fields = List.copyOf(fields);
        entities = List.copyOf(entities);
        sourceViews = List.copyOf(sourceViews);
        tags = Map.copyOf(tags);
    }

    String schema() {
        return schema(kind, fields, entities, sourceViews);
    }

    /**
     * {@code kind|fields|entities|source views}, names sorted: what Feast numbers a new version on,
     * the same from a declaration in git and from a definition in the catalogue.
     */
    static String schema(String kind, List<ViewField> fields, List<String> entities, List<String> sourceViews) {
        StringBuilder out = new StringBuilder(kind).append('|');
        fields.stream().map(f -> f.name() + ":" + f.type()).sorted().forEach(f -> out.append(f).append(','));
        out.append('|');
        entities.stream().sorted().forEach(e -> out.append(e).append(','));
        out.append('|');
        sourceViews.stream().sorted().forEach(v -> out.append(v).append(','));
        return out.toString();
    }

    String definition() {
        return schema() + "|" + ttlSeconds + "|" + source + "|" + new java.util.TreeMap<>(tags) + "|" + owner + "|" + bodyHash;
    }
}
