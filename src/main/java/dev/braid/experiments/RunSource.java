package dev.braid.experiments;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where an MLflow source's experiments, runs and registry come from: a tracking server over REST,
 * or a local store (a SQLite backend file or an {@code mlruns} folder) read in place.
 */
interface RunSource {
    /** Every active experiment. */
    List<Experiment> experiments(long sourceId) throws MlflowException;

    /**
     * Every active run of {@code experimentIds} that {@code filter} (MLflow search syntax, may be
     * null) accepts. Sources that {@link #readsWholeCheaply() read whole} accept only null.
     */
    List<RemoteRun> searchRuns(List<String> experimentIds, String filter) throws MlflowException;

    /**
     * The same runs as {@link #searchRuns(List, String)}, each handed to {@code into} as it is
     * read, so a caller that keeps them elsewhere ({@link RunSpool}) never holds them all. May call
     * {@code into} from several threads at once.
     */
    default void searchRuns(List<String> experimentIds, String filter, Consumer<RemoteRun> into) throws MlflowException {
        searchRuns(experimentIds, filter).forEach(into);
    }

    /** One run by id, deleted or not. */
    RemoteRun run(String runId) throws MlflowException;

    /** The whole history of one metric of one run, in the store's order. */
    List<MetricPoint> metricHistory(String runId, String key) throws MlflowException;

    /** Every registered model with its versions (newest first) and aliases. */
    List<RegisteredModel> registeredModels(long sourceId) throws MlflowException;

    /**
     * Every active MLflow 3 logged model of {@code experimentIds}, with params, tags and linked
     * metrics as MLflow's {@code search_logged_models} returns them; none where the store has none.
     */
    List<LoggedModel> loggedModels(long sourceId, List<String> experimentIds) throws MlflowException;

    /**
     * True when reading everything costs little (a local file), so every sync can be a full
     * reconciliation instead of an incremental one.
     */
    default boolean readsWholeCheaply() {
        return false;
    }
}
