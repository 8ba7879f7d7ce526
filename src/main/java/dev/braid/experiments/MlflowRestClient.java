package dev.braid.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.sync.MisbehavingRemoteException;
import dev.braid.sync.PagingGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The MLflow tracking server's REST API ({@code /api/2.0/mlflow/}): reads, and the few writes the
 * outbox sends ({@link RunEditService}). Every list is
 * followed through its page tokens; MLflow's tokens are offsets, so callers must tolerate
 * duplicates when data changes while they page.
 */
public final class MlflowRestClient {
    static final int RUN_PAGE = 1000;
    static final int MODEL_PAGE = 1000;
    /** MLflow's protocol caps a page of logged models at 50. */
    static final int LOGGED_MODEL_PAGE = 50;
    /** runs/search takes a list of experiment ids; keep each request's list modest. */
    static final int EXPERIMENTS_PER_SEARCH = 100;
    /** How many run searches one sync sends at once: a few, as a browser would, never a flood. */
    static final int PARALLEL_SEARCHES = 4;
    private final MlflowHttp http;
    private final int maxPages;

    MlflowRestClient(MlflowHttp http) {
        this(http, PagingGuard.STANDARD_MAX_PAGES);
    }

    /** With at most {@code maxPages} pages per listing (tests use few). */
    MlflowRestClient(MlflowHttp http, int maxPages) {
        this.http = http;
        this.maxPages = maxPages;
    }

    /** {@link PagingGuard#next}, its refusal as this client's own permanent failure. */
    private static String next(PagingGuard pages, String token) throws MlflowException {
        try {
            return pages.next(token);
        } catch (MisbehavingRemoteException e) {
            throw MlflowException.permanent(e.getMessage(), e);
        }
    }

    /** A guard for one listing: a repeated page token or endless pages end it with a clear failure. */
    private PagingGuard guard(String endpoint) {
        return new PagingGuard("MLflow at " + http.base() + " (" + endpoint + ")", maxPages);
    }

    /** The server's address (ends with a slash). */
    public String address() {
        return http.base().toString();
    }

    /** Every active experiment. */
    public List<Experiment> experiments(long sourceId) throws MlflowException {
        List<Experiment> out = new ArrayList<>();
        PagingGuard pages = guard("experiments/search");
        String token = null;
        do {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("max_results", RUN_PAGE);
            body.put("view_type", "ACTIVE_ONLY");
            putToken(body, token);
            JsonNode page = http.post("experiments/search", body);
            page.path("experiments").forEach(e -> out.add(MlflowJson.experiment(sourceId, e)));
            token = next(pages, nextToken(page));
        } while (token != null);
        return out;
    }

    /**
     * Every active run of {@code experimentIds} that {@code filter} (MLflow syntax, may be null)
     * accepts. The experiments are split into up to {@value #PARALLEL_SEARCHES} groups searched at
     * once, each following its own page tokens: a server with several workers answers the groups
     * side by side, where one search of every experiment waits for one page after another. Never
     * more than {@value #PARALLEL_SEARCHES} requests at a time, and each group names at most
     * {@value #EXPERIMENTS_PER_SEARCH} experiments, as before.
     */
    List<RemoteRun> searchRuns(List<String> experimentIds, String filter) throws MlflowException {
        List<List<String>> groups = groups(experimentIds, PARALLEL_SEARCHES);
        List<List<RemoteRun>> found = new ArrayList<>();
        groups.forEach(group -> found.add(new ArrayList<>()));
        searchGroups(groups, filter, group -> found.get(group)::add);
        List<RemoteRun> out = new ArrayList<>();
        found.forEach(out::addAll);
        return out;
    }

    /**
     * The same runs, each handed to {@code into} as its page is read (from up to
     * {@value #PARALLEL_SEARCHES} threads at once, so in no fixed order across groups): the
     * caller need not hold them all.
     */
    void searchRuns(List<String> experimentIds, String filter, Consumer<RemoteRun> into) throws MlflowException {
        searchGroups(groups(experimentIds, PARALLEL_SEARCHES), filter, group -> into);
    }

    /** Searches each group, side by side, handing group {@code i}'s runs to {@code into.apply(i)}. */
    private void searchGroups(List<List<String>> groups, String filter, IntFunction<Consumer<RemoteRun>> into)
            throws MlflowException {
        if (groups.size() <= 1) {
            if (!groups.isEmpty()) {
                searchGroup(groups.get(0), filter, into.apply(0));
            }
            return;
        }
        ExecutorService searches = Executors.newFixedThreadPool(Math.min(PARALLEL_SEARCHES, groups.size()), task -> {
            Thread thread = new Thread(task, "braid-mlflow-search");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> pending = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                List<String> group = groups.get(i);
                Consumer<RemoteRun> sink = into.apply(i);
                pending.add(searches.submit(() -> {
                    searchGroup(group, filter, sink);
                    return null;
                }));
            }
            for (Future<Void> group : pending) {
                result(group);
            }
        } finally {
            // On a failure the other groups stop: their requests are abandoned, nothing is kept.
            searches.shutdownNow();
        }
    }

    /**
     * The experiments in groups for {@code parallel} searches at once: as many groups as that (or
     * more, when a group would name more than {@value #EXPERIMENTS_PER_SEARCH}), in their order.
     */
    static List<List<String>> groups(List<String> experimentIds, int parallel) {
        int n = experimentIds.size();
        int size = Math.max(1, Math.min(EXPERIMENTS_PER_SEARCH, (n + parallel - 1) / parallel));
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < n; from += size) {
            out.add(List.copyOf(experimentIds.subList(from, Math.min(n, from + size))));
        }
        return out;
    }

    private void searchGroup(List<String> experimentIds, String filter, Consumer<RemoteRun> into) throws MlflowException {
        PagingGuard pages = guard("runs/search");
        String token = null;
        do {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("experiment_ids", experimentIds);
            if (filter != null) {
                body.put("filter", filter);
            }
            body.put("run_view_type", "ACTIVE_ONLY");
            body.put("max_results", RUN_PAGE);
            putToken(body, token);
            token = next(pages, http.postParsed("runs/search", body, parser -> RunsSearchPage.read(parser, into)));
        } while (token != null);
    }

    private static <T> T result(Future<T> group) throws MlflowException {
        try {
            return group.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MlflowException.transientFailure("interrupted while searching runs", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MlflowException mlflow) {
                throw mlflow;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** One run by id. */
    RemoteRun run(String runId) throws MlflowException {
        return MlflowJson.run(http.get("runs/get", Map.of("run_id", runId)).path("run"));
    }

    /** The whole history of one metric of one run, in the server's order. */
    public List<MetricPoint> metricHistory(String runId, String key) throws MlflowException {
        List<MetricPoint> out = new ArrayList<>();
        PagingGuard pages = guard("metrics/get-history");
        String token = null;
        do {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("run_id", runId);
            query.put("metric_key", key);
            if (token != null) {
                query.put("page_token", token);
            }
            token = next(pages, http.getParsed("metrics/get-history", query, parser -> MetricHistoryPage.read(parser, out)));
        } while (token != null);
        return out;
    }

    /** Every registered model with its versions (newest first) and aliases. */
    public List<RegisteredModel> registeredModels(long sourceId) throws MlflowException {
        Map<String, List<ModelVersion>> versions = new LinkedHashMap<>();
        PagingGuard versionPages = guard("model-versions/search");
        String token = null;
        do {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("max_results", MODEL_PAGE);
            if (token != null) {
                query.put("page_token", token);
            }
            JsonNode page = http.get("model-versions/search", query);
            for (JsonNode v : page.path("model_versions")) {
                ModelVersion version = MlflowJson.version(v);
                versions.computeIfAbsent(version.name(), k -> new ArrayList<>()).add(version);
            }
            token = next(versionPages, nextToken(page));
        } while (token != null);
        List<RegisteredModel> out = new ArrayList<>();
        PagingGuard modelPages = guard("registered-models/search");
        token = null;
        do {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("max_results", MODEL_PAGE);
            if (token != null) {
                query.put("page_token", token);
            }
            JsonNode page = http.get("registered-models/search", query);
            for (JsonNode m : page.path("registered_models")) {
                RegisteredModel model = MlflowJson.model(sourceId, m);
                List<ModelVersion> own = new ArrayList<>(versions.getOrDefault(model.name(), List.of()));
                own.sort((a, b) -> Long.compare(parse(b.version()), parse(a.version())));
                out.add(new RegisteredModel(sourceId, model.name(), model.description(), model.creationTimestamp(),
                        model.lastUpdatedTimestamp(), model.tags(), model.aliases(), own));
            }
            token = next(modelPages, nextToken(page));
        } while (token != null);
        return out;
    }

    /**
     * Every active logged model (MLflow 3) of {@code experimentIds}. A server without the endpoint
     * (MLflow 2.x answers 404) has none.
     */
    List<LoggedModel> loggedModels(long sourceId, List<String> experimentIds) throws MlflowException {
        List<LoggedModel> out = new ArrayList<>();
        for (int from = 0; from < experimentIds.size(); from += EXPERIMENTS_PER_SEARCH) {
            List<String> chunk = experimentIds.subList(from, Math.min(experimentIds.size(), from + EXPERIMENTS_PER_SEARCH));
            PagingGuard pages = guard("logged-models/search");
            String token = null;
            do {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("experiment_ids", chunk);
                body.put("max_results", LOGGED_MODEL_PAGE);
                putToken(body, token);
                JsonNode page;
                try {
                    page = http.post("logged-models/search", body);
                } catch (MlflowException e) {
                    if (e.isNotFound()) {
                        return List.of();
                    }
                    throw e;
                }
                page.path("models").forEach(m -> out.add(MlflowJson.loggedModel(sourceId, m)));
                token = next(pages, nextToken(page));
            } while (token != null);
        }
        return out;
    }

    /** The aliases of one registered model, alias to version. */
    Map<String, String> aliases(String modelName) throws MlflowException {
        JsonNode model = http.get("registered-models/get", Map.of("name", modelName)).path("registered_model");
        return MlflowJson.model(0, model).aliases();
    }

    /** Sets a run's tag ({@code runs/set-tag}). */
    void setTag(String runId, String key, String value) throws MlflowException {
        http.post("runs/set-tag", Map.of("run_id", runId, "key", key, "value", value));
    }

    /** Deletes a run's tag ({@code runs/delete-tag}). */
    void deleteTag(String runId, String key) throws MlflowException {
        http.post("runs/delete-tag", Map.of("run_id", runId, "key", key));
    }

    /** Renames a run ({@code runs/update}); the server keeps the {@code mlflow.runName} tag in step. */
    void renameRun(String runId, String runName) throws MlflowException {
        http.post("runs/update", Map.of("run_id", runId, "run_name", runName));
    }

    /** Points a model's alias at a version ({@code registered-models/alias}, POST). */
    void setAlias(String modelName, String alias, String version) throws MlflowException {
        http.post("registered-models/alias", Map.of("name", modelName, "alias", alias, "version", version));
    }

    /** Removes a model's alias ({@code registered-models/alias}, DELETE). */
    void deleteAlias(String modelName, String alias) throws MlflowException {
        http.delete("registered-models/alias", Map.of("name", modelName, "alias", alias));
    }

    private static long parse(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void putToken(Map<String, Object> body, String token) {
        if (token != null) {
            body.put("page_token", token);
        }
    }

    private static String nextToken(JsonNode page) {
        String token = page.path("next_page_token").asText("");
        return token.isEmpty() ? null : token;
    }
}
