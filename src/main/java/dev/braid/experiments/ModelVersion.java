package dev.braid.experiments;

import java.util.List;
import java.util.Map;

/** One version of a registered model, with the aliases that point at it. */
public record ModelVersion(String name, String version, String source, String runId, String status,
                           String currentStage, String description, Long creationTimestamp,
                           Long lastUpdatedTimestamp, Map<String, String> tags, List<String> aliases) {
    private static final String MODELS_SCHEME = "models:/";

    public ModelVersion {
        tags = Frozen.map(tags);
        aliases = List.copyOf(aliases);
    }

    /**
     * The logged model this version was registered from ({@code models:/m-…}), or null when its
     * source is a run's artifact path or anything else.
     */
    public String loggedModelId() {
        if (source == null || !source.startsWith(MODELS_SCHEME)) {
            return null;
        }
        String rest = source.substring(MODELS_SCHEME.length());
        // models:/<name>/<version> and models:/<name>@<alias> name registered models, not logged ones.
        return rest.startsWith("m-") && rest.indexOf('/') < 0 && rest.indexOf('@') < 0 ? rest : null;
    }
}
