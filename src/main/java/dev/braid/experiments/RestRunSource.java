package dev.braid.experiments;

import java.util.List;
import java.util.function.Consumer;

/** A tracking server as a {@link RunSource}: its REST client, call for call. */
final class RestRunSource implements RunSource {
    private final MlflowRestClient client;

    RestRunSource(MlflowRestClient client) {
        this.client = client;
    }

    @Override
    public List<Experiment> experiments(long sourceId) throws MlflowException {
        return client.experiments(sourceId);
    }

    @Override
    public List<RemoteRun> searchRuns(List<String> experimentIds, String filter) throws MlflowException {
        return client.searchRuns(experimentIds, filter);
    }

    @Override
    public void searchRuns(List<String> experimentIds, String filter, Consumer<RemoteRun> into) throws MlflowException {
        client.searchRuns(experimentIds, filter, into);
    }

    @Override
    public RemoteRun run(String runId) throws MlflowException {
        return client.run(runId);
    }

    @Override
    public List<MetricPoint> metricHistory(String runId, String key) throws MlflowException {
        return client.metricHistory(runId, key);
    }

    @Override
    public List<RegisteredModel> registeredModels(long sourceId) throws MlflowException {
        return client.registeredModels(sourceId);
    }

    @Override
    public List<LoggedModel> loggedModels(long sourceId, List<String> experimentIds) throws MlflowException {
        return client.loggedModels(sourceId, experimentIds);
    }
}
