package dev.braid.features.feast;

import java.util.List;

/**
 * One feature view a feature service serves: its name, the alias it is served under (empty when
 * none), the version it is pinned to ({@code fv@v2}; null when it follows the latest) and the
 * features it takes (every feature of the view when Feast lists them all).
 */
public record ServedView(String view, String alias, Integer pinnedVersion, List<String> features) {
    public ServedView {
        alias = alias == null ? "" : alias;
        features = List.copyOf(features);
    }
}
