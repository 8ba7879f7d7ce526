package dev.braid.experiments;

/**
 * Where a model's files are: a folder among a cached run's artifacts, or a logged model's own
 * artifact folder (MLflow 3). Paths of files are relative to the run's artifact root, or to the
 * logged model's; {@code folder} is the model's folder within it ({@code ""} for the root).
 *
 * @param runId         the run whose artifacts hold the files, or null for a logged model
 * @param loggedModelId the logged model whose artifacts hold the files, or null for a run
 * @param artifactUri   where the run or logged model keeps its artifacts, as MLflow names it
 */
public record ModelLocation(long sourceId, String runId, String loggedModelId, String artifactUri, String folder) {
    /** {@code run:<id>} or {@code logged-model:<id>}: the owner of the paths, for keys. */
    public String owner() {
        return runId != null ? "run:" + runId : "logged-model:" + loggedModelId;
    }
}
