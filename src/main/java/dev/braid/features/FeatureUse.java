package dev.braid.features;

import java.time.Instant;
import java.util.List;

/**
 * One run that used a version of a feature view, how Braid knows ({@code via}: which convention,
 * {@code evidence}: the value it read) and whether that version is stale: no longer the version
 * the view's registry serves. An MLflow run names its source, id and experiment and lists the
 * model versions registered from it; an OpenLineage job run has only its lineage node.
 */
public record FeatureUse(String project, String view, String version, boolean pinned, String currentVersion,
                         String mlflowSource, String runId, String runName, String experiment, String jobRun,
                         Instant usedAt, String via, String evidence, List<ModelVersionRef> modelVersions) {
    public FeatureUse {
        modelVersions = List.copyOf(modelVersions);
    }

    /** True when the run used a version other than the one the view is at now. */
    public boolean stale() {
        return currentVersion != null && !currentVersion.equals(version);
    }

    public boolean isMlflowRun() {
        return runId != null;
    }
}
