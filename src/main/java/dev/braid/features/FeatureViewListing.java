package dev.braid.features;

import dev.braid.features.feast.ViewField;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A feature view as one source lists it: the version that source serves now and the view's
 * current schema. {@code updatedAt} is when the registry last changed the view; {@code removed}
 * is true once a sync of that source no longer found it.
 */
public record FeatureViewListing(long viewPk, String source, String project, String name, String kind, String version,
                                 List<String> entities, List<ViewField> fields, String sourceName, String owner,
                                 String description, Map<String, String> tags, Instant updatedAt, boolean removed) {
    public FeatureViewListing {
        entities = List.copyOf(entities);
        fields = List.copyOf(fields);
        tags = Map.copyOf(tags);
    }
}
