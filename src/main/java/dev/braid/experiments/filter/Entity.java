package dev.braid.experiments.filter;

import java.util.Map;
import java.util.Optional;

/** What a key names: a run's latest metric, a param, a tag, a run attribute or a dataset input. */
enum Entity {
    METRIC("metrics"),
    PARAM("params"),
    TAG("tags"),
    ATTRIBUTE("attributes"),
    DATASET("datasets");

    // MLflow's spellings of each prefix (search_utils); they are case-sensitive there too.
    private static final Map<String, Entity> PREFIXES = Map.ofEntries(
            Map.entry("metric", METRIC), Map.entry("metrics", METRIC),
            Map.entry("param", PARAM), Map.entry("params", PARAM),
            Map.entry("parameter", PARAM), Map.entry("parameters", PARAM),
            Map.entry("tag", TAG), Map.entry("tags", TAG),
            Map.entry("attribute", ATTRIBUTE), Map.entry("attributes", ATTRIBUTE),
            Map.entry("attr", ATTRIBUTE), Map.entry("run", ATTRIBUTE),
            Map.entry("dataset", DATASET), Map.entry("datasets", DATASET));

    private final String prefix;

    Entity(String prefix) {
        this.prefix = prefix;
    }

    /** The canonical prefix, as used in messages ("metrics"). */
    String prefix() {
        return prefix;
    }

    static Optional<Entity> fromPrefix(String prefix) {
        return Optional.ofNullable(PREFIXES.get(prefix));
    }
}
