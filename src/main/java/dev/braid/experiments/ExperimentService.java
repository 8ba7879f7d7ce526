package dev.braid.experiments;

import dev.braid.experiments.filter.FilterSyntaxException;
import dev.braid.store.StoreException;
import dev.braid.experiments.filter.RunFilter;
import dev.braid.experiments.filter.RunOrder;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ML experiments as Braid sees them: adding MLflow sources, and reading their cached
 * experiments, runs and model registry. Syncing is done by {@link MlflowSyncer} through the sync
 * engine; metric histories are fetched from the server on demand and then cached.
 */
public final class ExperimentService {
    /** The {@link Source#kind()} of MLflow tracking servers. */
    public static final String KIND = "mlflow";
    /** The {@link Source#kind()} of folders of W&B runs (ADR 23), cached in the same tables as MLflow's. */
    public static final String WANDB_KIND = "wandb";
    /** The config key of a W&B source's folder. */
    public static final String WANDB_PATH = "path";
    /** A W&B server source's base URL, entity, project and the variable holding its API key. */
    public static final String WANDB_URL = "url";
    public static final String WANDB_ENTITY = "entity";
    public static final String WANDB_PROJECT = "project";
    public static final String WANDB_KEY_ENV = "api_key_env";
    /** Configuration keys of an MLflow source: its address, and the names of its credential variables. */
    public static final String CONFIG_URI = MlflowConnector.URI_KEY;
    public static final String CONFIG_TOKEN_ENV = MlflowAuth.TOKEN_ENV;
    public static final String CONFIG_USERNAME = MlflowAuth.USERNAME;
    public static final String CONFIG_PASSWORD_ENV = MlflowAuth.PASSWORD_ENV;
    private final Database db;
    private final SourceStore sources;
    private final MlflowConnector connector;
    private final Clock clock;
    private final RunReader runs = new RunReader();
    private final RunDetailReader details = new RunDetailReader();
    private final RegistryStore registry = new RegistryStore();
    private final LoggedModelStore loggedModels = new LoggedModelStore();
    private final MetricHistoryStore histories = new MetricHistoryStore();
    private final StarStore stars = new StarStore();
    private final MetricHistoryFetcher fetcher;

    public ExperimentService(Database db, SourceStore sources, MlflowConnector connector, Clock clock) {
        this.db = db;
        this.sources = sources;
        this.connector = connector;
        this.clock = clock;
        this.fetcher = new MetricHistoryFetcher(db, sources, connector, clock, runs, histories);
    }

    /**
     * Adds an MLflow tracking server ({@code http://} or {@code https://}) or a local store, read
     * in place without a server ({@code sqlite:///…/mlflow.db}, or the path or {@code file://}
     * URI of an {@code mlruns} folder; these take no credentials). Secrets are never
     * stored: give the names of the environment variables that hold them. The new source still
     * has to be synced.
     *
     * @param name        the source name, or null to derive one from the address
     * @param tokenEnv    variable holding a bearer token, or null
     * @param username    user name for HTTP basic authentication, or null
     * @param passwordEnv variable holding that user's password, or null
     */
    public Source addMlflow(String uri, String name, String tokenEnv, String username, String passwordEnv)
            throws ExperimentException {
        Map<String, String> config = mlflowConfig(uri, tokenEnv, username, passwordEnv);
        Optional<LocalStoreAddress> local = LocalStoreAddress.ofConfigured(config.get(MlflowConnector.URI_KEY));
        try {
            return db.write(c -> sources.insertNamed(c, KIND, name, () -> local.isPresent() ? local.get().defaultName()
                    : SourceAddress.deriveName(URI.create(config.get(MlflowConnector.URI_KEY))), config));
        } catch (IllegalStateException e) {
            throw new ExperimentException(e.getMessage(), e);
        }
    }

    /**
     * The configuration of an MLflow source at {@code uri} with these credential settings (see
     * {@link #addMlflow}), checked: a wrong address or a contradictory choice of credentials fails
     * with a plain message. Used to add a source and to edit one's settings.
     */
    public Map<String, String> mlflowConfig(String uri, String tokenEnv, String username, String passwordEnv)
            throws ExperimentException {
        Optional<LocalStoreAddress> local = LocalStoreAddress.parse(uri);
        if (local.isPresent() && (isSet(tokenEnv) || isSet(username) || isSet(passwordEnv))) {
            throw new ExperimentException("a local MLflow store is read from disk and takes no credentials");
        }
        URI address = local.isPresent() ? null : SourceAddress.parse(uri);
        if (isSet(tokenEnv) && isSet(username)) {
            throw new ExperimentException("use either a bearer token or a user name and password, not both");
        }
        if (isSet(passwordEnv) && !isSet(username)) {
            throw new ExperimentException("a password variable needs a user name as well");
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put(MlflowConnector.URI_KEY, local.isPresent() ? local.get().uri() : address.toString());
        putIfSet(config, MlflowAuth.TOKEN_ENV, tokenEnv);
        putIfSet(config, MlflowAuth.USERNAME, username);
        putIfSet(config, MlflowAuth.PASSWORD_ENV, passwordEnv);
        return config;
    }

    /** Whether an MLflow source is a tracking server (not a local store read from disk). */
    public static boolean isServer(Source source) {
        String uri = source.config(MlflowConnector.URI_KEY);
        return uri != null && (uri.startsWith("http://") || uri.startsWith("https://"));
    }

    /**
     * What removing an MLflow source takes away besides its cached rows: the artifacts fetched from
     * it into {@code artifactsDir}.
     */
    public dev.braid.sync.SourceCleanup cleanup(java.nio.file.Path artifactsDir) {
        return new MlflowCleanup(artifactsDir);
    }

    /**
     * Adds a folder of W&B runs: a project folder, its {@code wandb} folder, one run folder, or any
     * folder holding run folders ({@code run-<time>-<id>}, {@code offline-run-<time>-<id>}). Read
     * in place; the new source still has to be synced.
     *
     * @param name the source name, or null to take the folder's name
     */
    public Source addWandb(java.nio.file.Path folder, String name) throws ExperimentException {
        java.nio.file.Path absolute = folder.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(absolute)) {
            throw new ExperimentException("not a folder: " + folder);
        }
        java.nio.file.Path base = absolute.getFileName() != null && absolute.getFileName().toString().equals("wandb")
                && absolute.getParent() != null ? absolute.getParent() : absolute;
        try {
            return db.write(c -> sources.insertNamed(c, WANDB_KIND, name,
                    () -> base.getFileName() == null ? "wandb" : base.getFileName().toString(),
                    Map.of(WANDB_PATH, absolute.toString())));
        } catch (IllegalStateException e) {
            throw new ExperimentException(e.getMessage(), e);
        }
    }

    /**
     * Adds one project of a W&B server (the cloud, {@code https://api.wandb.ai}, or a self-hosted
     * one) read through its public API, with the API key from the environment variable
     * {@code keyEnv} (never stored; null for a server that needs none). The new source still has
     * to be synced.
     *
     * @param name the source name, or null for {@code entity/project}
     */
    public Source addWandbServer(String url, String entity, String project, String keyEnv, String name)
            throws ExperimentException {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new ExperimentException("not a URL: " + url, e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ExperimentException("a W&B server's address is an http(s) URL, such as https://api.wandb.ai: " + url);
        }
        if (entity == null || entity.isBlank() || project == null || project.isBlank()) {
            throw new ExperimentException("a W&B server source needs --entity and --project");
        }
        Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put(WANDB_URL, uri.toString());
        config.put(WANDB_ENTITY, entity.strip());
        config.put(WANDB_PROJECT, project.strip());
        if (keyEnv != null && !keyEnv.isBlank()) {
            config.put(WANDB_KEY_ENV, keyEnv.strip());
        }
        try {
            return db.write(c -> sources.insertNamed(c, WANDB_KIND, name, () -> entity.strip() + "/" + project.strip(), config));
        } catch (IllegalStateException e) {
            throw new ExperimentException(e.getMessage(), e);
        }
    }

    /** The sources of runs, MLflow's and W&B's, by name. */
    public List<Source> sources() {
        List<Source> all = new java.util.ArrayList<>(sources.listByKind(KIND));
        all.addAll(sources.listByKind(WANDB_KIND));
        all.sort(java.util.Comparator.comparing(Source::name, String.CASE_INSENSITIVE_ORDER));
        return List.copyOf(all);
    }

    /**
     * The cached runs {@code ref} names: the run with that id; else the runs whose id starts with
     * it (four characters or more) or whose name it is, newest first (at most 20). Optionally only
     * in one source or one experiment (by name). Deleted runs are left out.
     */
    public List<RunMatch> matchRuns(String ref, String sourceName, String experimentName) {
        String typed = ref == null ? "" : ref.strip();
        if (typed.isEmpty()) {
            return List.of();
        }
        return db.read(c -> new RunMatcher().match(c, typed, sourceName, experimentName));
    }

    /**
     * Runs whose name contains {@code text}, whose id starts with it, or whose tags' values
     * contain it (ignoring case), for the window-wide search: exact names first, then newest.
     */
    public List<RunMatch> searchRuns(String text, int limit) {
        String typed = text == null ? "" : text.strip();
        if (typed.isEmpty() || limit < 1) {
            return List.of();
        }
        return db.read(c -> new RunMatcher().search(c, typed, limit));
    }

    /** Cached experiments of every source, by name. */
    public List<Experiment> experiments() {
        return db.read(c -> runs.experiments(c, null));
    }

    /** Cached experiments of one source, by name. */
    public List<Experiment> experiments(long sourceId) {
        return db.read(c -> runs.experiments(c, sourceId));
    }

    /**
     * Cached runs that {@code query}'s filter accepts (MLflow search syntax, plus OR and
     * parentheses), in its order (MLflow order-by syntax; default newest first), evaluated in the
     * cache; the page of them that its offset and limit select. A malformed expression gives a
     * message that points at the mistake.
     */
    public List<RunSummary> runs(RunQuery query) throws ExperimentException {
        RunFilter filter = filter(query);
        RunOrder order;
        try {
            order = isSet(query.orderBy()) ? RunOrder.parse(List.of(query.orderBy())) : RunOrder.defaultOrder();
        } catch (FilterSyntaxException e) {
            throw new ExperimentException(e.getMessage() + "\n" + e.caretLine(), e);
        }
        return withinQueryLimits(query, () -> db.read(c -> runs.runs(c, RunScope.of(query), filter, order, query.limit(),
                query.offset())));
    }

    /** A query the cache could build but SQLite refused as too large, as a mistake in the filter. */
    private static <T> T withinQueryLimits(RunQuery query, java.util.function.Supplier<T> work) throws ExperimentException {
        try {
            return work.get();
        } catch (StoreException e) {
            String message = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
            if (!QUERY_LIMIT.matcher(message).find()) {
                throw e;
            }
            FilterSyntaxException tooLarge = new FilterSyntaxException(query.filter(), 0,
                    "the filter is more than the cache's query engine can evaluate (" + message + "); split it into smaller filters");
            throw new ExperimentException(tooLarge.getMessage(), tooLarge);
        }
    }

    /**
     * Every cached run {@code query} matches (whatever its order, offset and limit), grouped by
     * {@code by}: per value, how many runs have it and the count, minimum, maximum and mean of each
     * of {@code metrics} over them (NaN left out), worked out in the cache with one query. Groups
     * come in no particular order; runs without the key form the group whose value is null.
     */
    public List<RunGroupStats> runGroups(RunQuery query, RunGroupKey by, List<String> metrics) throws ExperimentException {
        RunFilter filter = filter(query);
        return withinQueryLimits(query, () -> db.read(c -> RunGroupQuery.groups(c, RunScope.of(query), filter, by,
                List.copyOf(metrics))));
    }

    /** How many cached runs {@code query} matches, whatever its order, offset and limit. */
    public long countRuns(RunQuery query) throws ExperimentException {
        RunFilter filter = filter(query);
        return withinQueryLimits(query, () -> db.read(c -> runs.count(c, RunScope.of(query), filter)));
    }

    /**
     * Every metric, param and tag key logged by the runs of {@code query}'s source, experiments
     * and stars (its filter, order and paging are ignored), read in one query.
     */
    public RunKeys runKeys(RunQuery query) {
        return db.read(c -> runs.keys(c, RunScope.of(query)));
    }

    /** SQLite's words for a statement past its limits (terms, depth, variables, pattern complexity). */
    private static final java.util.regex.Pattern QUERY_LIMIT = java.util.regex.Pattern.compile(
            "too many terms|too large|too complex|parser stack overflow|too many SQL variables|too many arguments");

    private RunFilter filter(RunQuery query) throws ExperimentException {
        if (query.sourceName() != null && sources.findByName(query.sourceName()).isEmpty()) {
            throw new ExperimentException("unknown source: " + query.sourceName());
        }
        try {
            return RunFilter.parse(query.filter());
        } catch (FilterSyntaxException e) {
            throw new ExperimentException(e.getMessage() + "\n" + e.caretLine(), e);
        }
    }

    /** Stars or unstars a run. The star is kept in the cache and survives syncs; MLflow does not see it. */
    public void setRunStarred(long sourceId, String runId, boolean starred) {
        long now = clock.millis();
        db.write(c -> {
            stars.starRun(c, sourceId, runId, starred, now);
            return null;
        });
    }

    /**
     * Stars or unstars an experiment. The metric histories of a starred experiment's runs are
     * fetched after each successful sync of its source (a bounded number per sync).
     */
    public void setExperimentStarred(ExperimentKey experiment, boolean starred) throws ExperimentException {
        boolean found = db.write(c -> stars.starExperiment(c, experiment, starred));
        if (!found) {
            throw new ExperimentException("no cached experiment " + experiment.experimentId());
        }
    }

    /** The starred experiments. */
    public Set<ExperimentKey> starredExperiments() {
        return db.read(stars::starredExperiments);
    }

    /** Everything cached about one run. */
    public Optional<RunDetail> run(long runPk) {
        return db.read(c -> details.detail(c, runPk));
    }

    /** Everything cached about one run, by its MLflow id. */
    public Optional<RunDetail> run(long sourceId, String runId) {
        return db.read(c -> {
            Long pk = ExperimentStore.runPk(c, sourceId, runId);
            return pk == null ? Optional.<RunDetail>empty() : details.detail(c, pk);
        });
    }

    /** Cached registered models of every source, with their versions and aliases. */
    public List<RegisteredModel> models() {
        return db.read(c -> registry.models(c, null));
    }

    /** Cached MLflow 3 logged models of every source, newest first, with params, tags and metrics. */
    public List<LoggedModel> loggedModels() {
        return db.read(c -> loggedModels.models(c, null, null));
    }

    /** Cached logged models that one run made ({@code source_run_id}), newest first. */
    public List<LoggedModel> loggedModels(long sourceId, String runId) {
        return db.read(c -> loggedModels.models(c, sourceId, runId));
    }

    /**
     * The cached names of these runs of one source (run id to name; a run without a name maps to
     * its id). Runs the cache does not hold are left out.
     */
    public Map<String, String> runNames(long sourceId, Collection<String> runIds) {
        return db.read(c -> runs.names(c, sourceId, List.copyOf(new LinkedHashSet<>(runIds))));
    }

    /**
     * The full history of one metric of a run: from the cache when it holds it, otherwise fetched
     * from the run's server and cached. Fails (with the server's reason) when it cannot be fetched.
     */
    public List<MetricPoint> metricHistory(long runPk, String key) throws ExperimentException {
        return fetcher.history(runPk, key);
    }

    /**
     * Count, min and max of every metric of a run whose full history is cached (others are
     * absent; {@link #metricStats(long, String)} fetches one).
     */
    public Map<String, MetricStats> cachedMetricStats(long runPk) {
        return db.read(c -> histories.stats(c, runPk));
    }

    /** Count, min and max of one metric of a run over its whole history, fetched first if not cached. */
    public MetricStats metricStats(long runPk, String key) throws ExperimentException {
        return MetricStats.of(metricHistory(runPk, key));
    }

    /**
     * The histories of one metric for several runs (a chart or a comparison), by run key, in the
     * order asked: cached ones read from the cache, the others fetched from their servers a few at
     * a time (a long history is mostly waiting for the server) and cached. Fails with the first
     * failure's reason; histories fetched before it stay cached.
     */
    public Map<Long, List<MetricPoint>> metricHistories(List<Long> runPks, String key) throws ExperimentException {
        return fetcher.histories(runPks, key);
    }

    /** Makes the next sync of {@code sourceId} a full reconciliation. */
    public void requestReconciliation(long sourceId) {
        db.write(c -> {
            sources.saveCursor(c, sourceId, SyncCursor.parse(sources.cursor(c, sourceId)).withoutFull().toJson());
            return null;
        });
    }

    private static void putIfSet(Map<String, String> config, String key, String value) {
        if (isSet(value)) {
            config.put(key, value.strip());
        }
    }

    private static boolean isSet(String text) {
        return text != null && !text.isBlank();
    }

}
