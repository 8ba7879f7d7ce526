package dev.braid.sync;

import java.time.Instant;
import java.util.Map;

/**
 * Something Braid syncs from: a git repository, an MLflow store, and every kind added later (CI
 * systems, feature registries...). {@code config} never holds secrets; it may name the
 * environment variables that do. A {@code paused} source keeps its cached data but is left out of
 * {@link SyncEngine#startAll "sync everything"}.
 */
public record Source(long id, String kind, String name, Map<String, String> config, Instant createdAt, boolean paused) {
    public Source {
        config = Map.copyOf(config);
    }

    /** A source that is not paused. */
    public Source(long id, String kind, String name, Map<String, String> config, Instant createdAt) {
        this(id, kind, name, config, createdAt, false);
    }

    public String config(String key) {
        return config.get(key);
    }

    /** Where the source is, for people: the URL, URI or path its configuration names; empty when none. */
    public String location() {
        for (String key : new String[] {"url", "uri", "baseUrl", "path", "file", "registry"}) {
            String value = config.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    public Source withName(String newName) {
        return new Source(id, kind, newName, config, createdAt, paused);
    }

    public Source withPaused(boolean value) {
        return new Source(id, kind, name, config, createdAt, value);
    }

    public Source withConfig(Map<String, String> newConfig) {
        return new Source(id, kind, name, newConfig, createdAt, paused);
    }
}
