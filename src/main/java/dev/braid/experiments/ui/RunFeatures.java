package dev.braid.experiments.ui;

import java.util.List;

/**
 * What the Experiments screen shows of the feature catalogue: the feature versions a run or a
 * model version used, with stale ones flagged, and a way to open a view's page. The window
 * wires it to the feature catalogue; without it run details have no Features tab.
 */
public interface RunFeatures {
    /** One feature-view version a run used. */
    record UsedFeature(String project, String view, String version, String currentVersion, boolean stale, String via) {
        public String label() {
            return view + "@" + version;
        }
    }

    List<UsedFeature> ofRun(long sourceId, String runId);

    /** Opens the view's page (on the Features screen). */
    void open(UsedFeature feature);
}
