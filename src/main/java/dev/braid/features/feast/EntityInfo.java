package dev.braid.features.feast;

import java.time.Instant;
import java.util.Map;

/** A Feast entity: the key features are looked up by ({@code customer} joined on {@code customer_id}). */
public record EntityInfo(String project, String name, String joinKey, String valueType, String description, String owner,
                         Map<String, String> tags, Instant updatedAt) {
    public EntityInfo {
        joinKey = joinKey == null ? "" : joinKey;
        valueType = valueType == null ? "" : valueType;
        description = description == null ? "" : description;
        owner = owner == null ? "" : owner;
        tags = Map.copyOf(tags);
    }
}
