package dev.braid.features.feast;

import java.time.Instant;
import java.util.Map;

/** A data source registered in Feast (the batch or stream data feature views are computed from). */
public record DataSourceInfo(String project, SourceRef ref, String description, String owner, Map<String, String> tags,
                             Instant updatedAt) {
    public DataSourceInfo {
        description = description == null ? "" : description;
        owner = owner == null ? "" : owner;
        tags = Map.copyOf(tags);
    }

    public String name() {
        return ref.name();
    }
}
