package dev.braid.features.ui;

import dev.braid.features.FeatureUse;
import dev.braid.features.ModelVersionRef;

/**
 * A row of the "Used by" table: a run, or a model version registered from it (with its aliases),
 * and the version of the view it used.
 */
public record UseRow(FeatureUse use, ModelVersionRef model) {
    public boolean isModel() {
        return model != null;
    }

    public String kind() {
        return isModel() ? "Model version" : use.isMlflowRun() ? "Run" : "Job run";
    }

    public String what() {
        if (isModel()) {
            return model.model() + " v" + model.version() + (model.aliases().isEmpty() ? "" : " @" + String.join(", @", model.aliases()));
        }
        if (use.isMlflowRun()) {
            String name = use.runName() == null || use.runName().isBlank() ? use.runId() : use.runName();
            return (use.experiment() == null ? "" : use.experiment() + " / ") + name;
        }
        return use.jobRun();
    }

    public String version() {
        return use.version() + (use.pinned() ? " (pinned)" : "");
    }

    public String current() {
        return use.currentVersion() == null ? "" : use.currentVersion();
    }

    public boolean stale() {
        return use.stale();
    }

    public String how() {
        return use.via();
    }
}
