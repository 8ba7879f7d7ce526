package dev.braid.features.feast;

import java.time.Instant;
import java.util.Map;

/** A Feast project. */
public record ProjectInfo(String name, String description, String owner, Map<String, String> tags, Instant createdAt,
                          Instant updatedAt) {
    public ProjectInfo {
        description = description == null ? "" : description;
        owner = owner == null ? "" : owner;
        tags = Map.copyOf(tags);
    }
}
