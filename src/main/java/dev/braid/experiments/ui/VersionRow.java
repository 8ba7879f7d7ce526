package dev.braid.experiments.ui;

import dev.braid.experiments.ModelVersion;

/**
 * One version of the chosen registered model as the versions table shows it. {@code runLabel} is
 * the source run's name when the cache holds that run, else its short id; empty without a run.
 */
public record VersionRow(long sourceId, ModelVersion version, String aliases, String tags, String created,
                         String runLabel, String loggedModel) {
    public String number() {
        return version.version();
    }
}
