package dev.braid.features.feast;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Feast feature service: the named set of feature views (and pinned versions) a model is served from. */
public record ServiceInfo(String project, String name, List<ServedView> views, String description, String owner,
                          Map<String, String> tags, Instant createdAt, Instant updatedAt) {
    public ServiceInfo {
        views = List.copyOf(views);
        description = description == null ? "" : description;
        owner = owner == null ? "" : owner;
        tags = Map.copyOf(tags);
    }
}
