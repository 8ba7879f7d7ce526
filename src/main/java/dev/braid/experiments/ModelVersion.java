package dev.braid.experiments;

import java.util.List;
import java.util.Map;

/** One version of a registered model, with the aliases that point at it. */
public record ModelVersion(String name, String version, String source, String runId, String status,
                           String currentStage, String description, Long creationTimestamp,
                           Long lastUpdatedTimestamp, Map<String, String> tags, List<String> aliases) {
    public ModelVersion {
        tags = Frozen.map(tags);
        aliases = List.copyOf(aliases);
    }
}
