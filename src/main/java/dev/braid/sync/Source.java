package dev.braid.sync;

import java.time.Instant;
import java.util.Map;

/**
 * Something Braid syncs from: a git repository now, MLflow servers, CI systems and lineage
 * producers later. {@code config} never holds secrets; it may name the environment variables
 * that do.
 */
public record Source(long id, String kind, String name, Map<String, String> config, Instant createdAt) {
    public Source {
        config = Map.copyOf(config);
    }

    public String config(String key) {
        return config.get(key);
    }
}
