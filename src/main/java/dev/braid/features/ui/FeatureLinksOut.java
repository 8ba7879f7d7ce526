package dev.braid.features.ui;

/** Where the feature pages' links lead, outside the Features screen; wired by the window. */
public interface FeatureLinksOut {
    FeatureLinksOut NONE = new FeatureLinksOut() {
    };

    default void openRun(String mlflowSource, String runId) {
    }

    default void openModelVersion(String mlflowSource, String model, String version) {
    }

    default void openLineage(String project, String view, String version) {
    }

    default boolean hasLineage() {
        return false;
    }
}
