package dev.braid.experiments;

import java.util.List;
import java.util.Map;

/**
 * A registered model of one source: its tags, its aliases (alias → version) and its versions,
 * newest first.
 */
public record RegisteredModel(long sourceId, String name, String description, Long creationTimestamp,
                              Long lastUpdatedTimestamp, Map<String, String> tags, Map<String, String> aliases,
                              List<ModelVersion> versions) {
    public RegisteredModel {
        tags = Frozen.map(tags);
        aliases = Frozen.map(aliases);
        versions = List.copyOf(versions);
    }
}
