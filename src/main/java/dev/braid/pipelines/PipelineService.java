package dev.braid.pipelines;

import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pipeline runs from CI services: adding sources, the cached runs (pages of a query, a run in full,
 * the runs of a commit) and job logs fetched on demand and cached under a size cap. Synchronous and
 * thread-agnostic; syncing is the {@link PipelineSyncer}'s job.
 *
 * <p>Source configuration (no secrets, only the names of the variables holding them):
 * {@code gitlab}: {@code url}, {@code project}, {@code token_env}, {@code oauth};
 * {@code github}: {@code repo}, {@code api_url}, {@code token_env};
 * {@code jenkins}: {@code url}, {@code job}, {@code username}, {@code password_env};
 * {@code circleci}: {@code slug}, {@code api_url}, {@code token_env};
 * {@code airflow}: {@code url}, {@code username} with {@code password_env}, or {@code token_env};
 * {@code kubeflow}: {@code url}, {@code token_env};
 * {@code dvc}: {@code repository} (the indexed repository's name), {@code repo} (its remote or folder, for lineage).
 */
public final class PipelineService {
    /** The CI services Braid syncs pipelines from. */
    public static final Set<String> CI_KINDS = Set.of("gitlab", "github", "jenkins", "circleci");
    /** The ML orchestrators Braid syncs pipeline runs from. */
    public static final Set<String> ORCHESTRATOR_KINDS = Set.of("airflow", "kubeflow");
    /** The DVC pipeline of an indexed repository, read from git: each commit that changed a dvc.lock is a run. */
    public static final String DVC_KIND = "dvc";
    /** The kinds of pipeline sources Braid syncs. */
    public static final Set<String> KINDS = Set.of("gitlab", "github", "jenkins", "circleci", "airflow", "kubeflow", DVC_KIND);
    public static final long DEFAULT_LOG_CAP_BYTES = 200L * 1024 * 1024;
    private final Database db;
    private final SourceStore sources;
    private final RunSources apis;
    private final Clock clock;
    private final PipelineReader reader = new PipelineReader();
    private final JobLogCache logs;

    public PipelineService(Database db, SourceStore sources, RunSources apis, Clock clock, long logCapBytes) {
        this.db = db;
        this.sources = sources;
        this.apis = apis;
        this.clock = clock;
        this.logs = new JobLogCache(db, logCapBytes);
    }

    /** Adds a GitLab project ({@code url} of the server, {@code project} its path such as {@code group/app}). */
    public Source addGitLab(String url, String project, String tokenEnv, boolean oauth, String name) throws PipelineException {
        return add("gitlab", name, settings("url", url, "project", project, "token_env", tokenEnv, "oauth", oauth ? "true" : null));
    }

    /** Adds a GitHub repository's Actions ({@code repo} as {@code owner/name}). */
    public Source addGitHub(String repo, String apiUrl, String tokenEnv, String name) throws PipelineException {
        return add("github", name, settings("repo", repo, "api_url", apiUrl, "token_env", tokenEnv));
    }

    /** Adds a Jenkins job, folder or multibranch job ({@code job} as {@code a/b}, or {@code job/a/job/b}). */
    public Source addJenkins(String url, String job, String username, String passwordEnv, String name)
            throws PipelineException {
        return add("jenkins", name, settings("url", url, "job", job, "username", username, "password_env", passwordEnv));
    }

    /** Adds a CircleCI project ({@code slug} as {@code gh/org/repo}, {@code bb/…} or {@code circleci/…}). */
    public Source addCircleCi(String slug, String apiUrl, String tokenEnv, String name) throws PipelineException {
        return add("circleci", name, settings("slug", slug, "api_url", apiUrl, "token_env", tokenEnv));
    }

    /**
     * Adds an Airflow server ({@code url} its web or API server): Airflow 3's {@code /api/v2} or
     * Airflow 2's {@code /api/v1}, whichever it speaks. {@code username} with {@code passwordEnv}
     * (the variable holding the password), or {@code tokenEnv}; neither for ~/.netrc or no login.
     */
    public Source addAirflow(String url, String username, String passwordEnv, String tokenEnv, String name)
            throws PipelineException {
        return add("airflow", name, settings("url", url, "username", username, "password_env", passwordEnv,
                "token_env", tokenEnv));
    }

    /** Adds a Kubeflow Pipelines API server ({@code url}, such as a port-forwarded {@code ml-pipeline} service). */
    public Source addKubeflow(String url, String tokenEnv, String name) throws PipelineException {
        return add("kubeflow", name, settings("url", url, "token_env", tokenEnv));
    }

    /**
     * Adds a pipeline source of {@code kind} from its settings, keyed by configuration key (see
     * {@link PipelineSourceSettings}); {@code name} defaults to one made from what it follows.
     */
    public Source add(String kind, String name, Map<String, String> settings) throws PipelineException {
        Map<String, String> config = PipelineSourceSettings.config(kind, settings);
        return add(kind, name, PipelineSourceSettings.defaultName(kind, config), config);
    }

    /**
     * The configuration {@code source} gets from its edited settings (address, credential variable
     * names); refused in plain words when one is wrong, and for the demo's sources, which no server
     * stands behind.
     */
    public Map<String, String> editedConfig(Source source, Map<String, String> edited) throws PipelineException {
        if (isDemo(source)) {
            throw PipelineException.permanent(source.name() + " is part of the demo; no server stands behind it", null);
        }
        return PipelineSourceSettings.edited(source.kind(), source.config(), edited);
    }

    private static Map<String, String> settings(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                out.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return out;
    }

    /**
     * Adds the DVC pipeline of the indexed repository named {@code repository} ({@code location} its
     * remote or folder, which links its runs to the repository's commits in lineage).
     */
    public Source addDvc(String repository, String location, String name) throws PipelineException {
        if (repository == null || repository.isBlank()) {
            throw PipelineException.permanent("name an indexed repository (see 'braid repo list')", null);
        }
        String repo = repository.strip();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("repository", repo);
        if (location != null && !location.isBlank()) {
            config.put("repo", location);
        }
        return add(DVC_KIND, name, "dvc:" + repo, config);
    }

    /** Opens CI sources through {@code ci} and orchestrators through {@code orchestrators}. */
    public static RunSources runSources(RunSources ci, RunSources orchestrators) {
        return runSources(ci, orchestrators, null);
    }

    /** Opens CI sources through {@code ci}, orchestrators through {@code orchestrators}, DVC pipelines through {@code dvc}. */
    public static RunSources runSources(RunSources ci, RunSources orchestrators, RunSources dvc) {
        Map<String, RunSources> byKind = new LinkedHashMap<>();
        CI_KINDS.forEach(k -> byKind.put(k, ci));
        ORCHESTRATOR_KINDS.forEach(k -> byKind.put(k, orchestrators));
        if (dvc != null) {
            byKind.put(DVC_KIND, dvc);
        }
        return new RunSourcesByKind(byKind);
    }

    private Source add(String kind, String name, String defaultName, Map<String, String> config) throws PipelineException {
        String chosen = name == null || name.isBlank() ? defaultName : name.strip();
        Optional<Source> added = db.write(c -> sources.nameTaken(c, chosen) ? Optional.<Source>empty()
                : Optional.of(sources.insert(c, kind, chosen, config)));
        return added.orElseThrow(() -> PipelineException.permanent("a source named " + chosen
                + " exists already; choose another name with --name", null));
    }

    /** True for the demo's CI source: its runs were written by the demo, no server stands behind it. */
    public static boolean isDemo(Source source) {
        return "true".equals(source.config("demo"));
    }

    /**
     * Adds a demo CI source of {@code kind} holding {@code runs}, with logs already cached
     * ({@code logs} by run id and job id, {@code "<run>/<job>"}), in one transaction. {@code repository}
     * is the repository it builds (its folder or address), for lineage.
     */
    public Source addDemo(String kind, String name, String url, String repository, List<RunData> runs,
                          Map<String, String> logs) {
        return db.write(c -> {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("url", url);
            config.put("project", "demo/ml-project");
            config.put("demo", "true");
            config.put("repo", repository);
            Source source = sources.insert(c, kind, name, config);
            PipelineStore store = new PipelineStore();
            store.stage(c, source.id(), runs);
            store.publish(c, source.id(), false, Set.of());
            for (Map.Entry<String, String> log : logs.entrySet()) {
                int slash = log.getKey().lastIndexOf('/'); // an Airflow run id holds a slash, a job id none
                try (PreparedStatement st = c.prepareStatement("INSERT INTO pipeline_logs(run_pk, job_id, fetched_at, size, text)"
                        + " SELECT run_pk, ?, ?, ?, ? FROM pipeline_runs WHERE source_id = ? AND run_id = ?")) {
                    st.setString(1, log.getKey().substring(slash + 1));
                    st.setLong(2, clock.millis());
                    st.setLong(3, log.getValue().length());
                    st.setString(4, log.getValue());
                    st.setLong(5, source.id());
                    st.setString(6, log.getKey().substring(0, slash));
                    st.executeUpdate();
                }
            }
            return source;
        });
    }

    /** Keeps {@code dags} as the pipelines (Airflow DAGs) of the demo source {@code source}, as a sync would. */
    public void saveDemoPipelines(Source source, List<SourcePipeline> dags) {
        if (!isDemo(source)) {
            throw new IllegalArgumentException(source.name() + " is not a demo source");
        }
        db.write(c -> {
            new SourcePipelineStore().save(c, source.id(), dags);
            return null;
        });
    }

    /** Every pipeline source, by name. */
    public List<Source> sources() {
        return sources.list().stream().filter(s -> KINDS.contains(s.kind())).toList();
    }

    public Optional<Source> source(String name) {
        return sources.findByName(name).filter(s -> KINDS.contains(s.kind()));
    }

    /** The pipelines (Airflow DAGs) the orchestrator source named {@code source} listed at its last sync. */
    public List<SourcePipeline> sourcePipelines(String source) {
        return db.read(c -> new SourcePipelineStore().list(c, source));
    }

    /** The pipeline (Airflow DAG) {@code pipeline} of the source named {@code source}, if its last sync listed it. */
    public Optional<SourcePipeline> sourcePipeline(String source, String pipeline) {
        return sourcePipelines(source).stream().filter(p -> p.pipeline().equals(pipeline)).findFirst();
    }

    /** The pipelines (Airflow DAGs) of every orchestrator source, by source name. */
    public Map<String, List<SourcePipeline>> allSourcePipelines() {
        Map<String, List<SourcePipeline>> out = new LinkedHashMap<>();
        for (Source s : sources()) {
            if (ORCHESTRATOR_KINDS.contains(s.kind())) {
                out.put(s.name(), sourcePipelines(s.name()));
            }
        }
        return out;
    }

    /** A page of the runs {@code query} matches, in its order. */
    public List<PipelineRun> runs(PipelineQuery query) {
        return db.read(c -> reader.runs(c, query));
    }

    /**
     * A page of the runs {@code query} matches with their count, read in one go: the count also
     * decides how the page is read (docs/decisions/0022-pipeline-run-orders.md).
     */
    public RunPage page(PipelineQuery query) {
        return db.read(c -> {
            long total = reader.count(c, query);
            return new RunPage(reader.runs(c, query, total), total);
        });
    }

    /** How many runs {@code query} matches, whatever its page. */
    public long countRuns(PipelineQuery query) {
        return db.read(c -> reader.count(c, query));
    }

    /** One run in full, by its source's name and the source's id for it. */
    public Optional<PipelineRunDetail> run(String source, String runId) {
        return db.read(c -> {
            Optional<PipelineRun> run = reader.run(c, source, runId);
            if (run.isEmpty()) {
                return Optional.<PipelineRunDetail>empty();
            }
            PipelineRun r = run.get();
            return Optional.of(new PipelineRunDetail(r, reader.jobs(c, r.runPk()), reader.parent(c, r).orElse(null),
                    reader.downstream(c, r)));
        });
    }

    /** The runs built from a commit ({@code sha} whole or a prefix of 7+), newest first. */
    public List<PipelineRun> runsOfCommit(String sha) {
        if (sha == null || sha.strip().length() < 7) {
            return List.of();
        }
        return runs(new PipelineQuery(List.of(), List.of(), null, List.of(), sha, null, null, PipelineQuery.Sort.CREATED,
                false, 0, 200));
    }

    /**
     * A job's log: from the cache when it holds it, else fetched from the source (the end kept when
     * longer than the cap) and cached once the job has finished.
     */
    public JobLog log(String source, String runId, String jobId, boolean refresh) throws PipelineException {
        PipelineRunDetail detail = run(source, runId).orElseThrow(() ->
                PipelineException.notFound("no cached run " + runId + " of " + source));
        PipelineJob job = detail.jobs().stream().filter(j -> j.id().equals(jobId)).findFirst().orElseThrow(() ->
                PipelineException.notFound("run " + runId + " of " + source + " has no job " + jobId));
        long runPk = detail.run().runPk();
        if (!refresh) {
            Optional<JobLog> cached = logs.read(runPk, jobId);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        Source s = source(source).orElseThrow(() -> PipelineException.notFound("no pipeline source named " + source));
        if (isDemo(s)) {
            return new JobLog("(the demo kept no log for this job)", false, clock.millis());
        }
        RunSource api = apis.open(s, () -> false, message -> { });
        JobLog fetched = api.log(runId, jobId, logs.perLogCap());
        JobLog log = new JobLog(fetched.text(), fetched.truncated(), clock.millis());
        if (job.status().finished() || job.status() == PipelineStatus.MANUAL) {
            logs.save(runPk, jobId, log);
        }
        return log;
    }

    /** Trends over the newest {@code maxRuns} finished runs {@code query} matches (its page is ignored). */
    public PipelineTrends trends(PipelineQuery query, int maxRuns) {
        return db.read(c -> new TrendReader().trends(c, query, Math.max(1, maxRuns)));
    }

    /**
     * The run holding job {@code jobId} of {@code source}: {@code runId} when given, else the one run
     * whose jobs include that id. Fails when none or several do (Jenkins stage ids repeat per build).
     */
    public PipelineRunDetail runOfJob(String source, String runId, String jobId) throws PipelineException {
        if (runId != null) {
            return run(source, runId).orElseThrow(() -> PipelineException.notFound("no cached run " + runId + " of " + source));
        }
        List<String> runs = db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT r.run_id FROM pipeline_jobs j JOIN pipeline_runs r"
                    + " ON r.run_pk = j.run_pk JOIN sources s ON s.id = r.source_id WHERE s.name = ? AND j.job_id = ? LIMIT 2")) {
                st.setString(1, source);
                st.setString(2, jobId);
                List<String> out = new java.util.ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
        if (runs.isEmpty()) {
            throw PipelineException.notFound("no cached job " + jobId + " in " + source);
        }
        if (runs.size() > 1) {
            throw PipelineException.permanent("several runs of " + source + " have a job " + jobId + "; name the run with --run", null);
        }
        return run(source, runs.get(0)).orElseThrow();
    }

    /**
     * The CI jobs that started an MLflow run ({@code mlflowSourceId}'s run {@code mlflowRunId}), as the
     * lineage graph links them: by the CI tags the run carries, else by its commit and start time
     * ({@link CiJobRef#inferred()}). Empty when no cached job did.
     */
    public List<CiJobRef> jobsThatLogged(long mlflowSourceId, String mlflowRunId) {
        return db.read(c -> new CiJobRefs().of(c, mlflowSourceId, mlflowRunId));
    }

    /** Changes the size cap of cached logs (Settings); older logs are dropped until they fit. */
    public void setLogCap(long bytes) {
        logs.setCap(bytes);
    }

    /** How many bytes the cached logs take. */
    public long cachedLogBytes() {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COALESCE(SUM(size), 0) FROM pipeline_logs");
                 ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    Database database() {
        return db;
    }
}
