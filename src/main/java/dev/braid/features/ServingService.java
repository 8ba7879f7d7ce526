package dev.braid.features;

import java.util.List;

/** A feature service that serves a view: pinned to a version ({@code fv@v2}) or following the latest (null). */
public record ServingService(String source, String project, String name, Integer pinnedVersion, List<String> features) {
    public ServingService {
        features = List.copyOf(features);
    }
}
