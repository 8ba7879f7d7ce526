package dev.braid.experiments;

/** One experiment's identity: the source it is cached from and MLflow's id within that source. */
public record ExperimentKey(long sourceId, String experimentId) {
    public static ExperimentKey of(Experiment experiment) {
        return new ExperimentKey(experiment.sourceId(), experiment.experimentId());
    }
}
