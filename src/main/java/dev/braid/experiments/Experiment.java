package dev.braid.experiments;

import java.util.Map;

/**
 * An MLflow experiment as cached from one source. Times are epoch milliseconds (null when the
 * server gave none).
 */
public record Experiment(long sourceId, String experimentId, String name, String artifactLocation,
                         String lifecycleStage, Long creationTime, Long lastUpdateTime, Map<String, String> tags) {
    public Experiment {
        tags = Frozen.map(tags);
    }
}
