package dev.braid.features.feast;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Feast saved dataset: a training set retrieved from feature references (or a feature
 * service) and stored at {@code storage} (a file URI or a table), which runs may log as input.
 */
public record SavedDatasetInfo(String project, String name, List<String> features, String featureService, String storage,
                               Map<String, String> tags, Instant createdAt) {
    public SavedDatasetInfo {
        features = List.copyOf(features);
        featureService = featureService == null ? "" : featureService;
        storage = storage == null ? "" : storage;
        tags = Map.copyOf(tags);
    }
}
