package dev.braid.experiments.ui;

import dev.braid.experiments.Experiment;

/** An experiment in the list, with the name of the source it came from. */
public record ExperimentEntry(Experiment experiment, String sourceName) {
    public String label() {
        return experiment.name() + "  ·  " + sourceName;
    }

    boolean owns(long sourceId, String experimentId) {
        return experiment.sourceId() == sourceId && experiment.experimentId().equals(experimentId);
    }
}
