package dev.braid.pipelines;

import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.LineageCleanup;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.Repositories;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceCleanup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lineage a pipeline source asserts (docs/decisions/0008-lineage-identity.md, "Pipeline runs"):
 * commit → pipeline run → job, and job → the MLflow runs it started. An MLflow run names its CI job
 * or orchestrator task by tags ({@link #JOB_TAGS}); failing those, a run whose
 * {@code mlflow.source.git.commit} is a pipeline's commit and which started while one of that
 * pipeline's jobs ran hangs under that job, marked {@code inferred} ({@link MlflowUnderJobs}). An
 * Airflow DAG run or task try that Airflow's OpenLineage provider reported is that OpenLineage run's
 * node ({@link RunNodeNames}). A commit the source names without its repository is looked up in the
 * indexed repositories. Derived from the cache after each sync, replacing what the source asserted
 * before, as MLflow's edges are. The job → MLflow run edges are asserted apart
 * ({@code ci-mlflow:<source>}) and derived again after every MLflow sync too
 * ({@link CiLinksAfterMlflowSync}), since a run may be cached after the job that started it.
 */
public final class PipelineLineage {
    public static final NodeKind PIPELINE_RUN = new NodeKind("pipeline-run");
    public static final NodeKind CI_JOB = new NodeKind("ci-job");
    /** A version of a pipeline definition file: a Kubeflow spec a commit introduced (ADR 28). */
    public static final NodeKind DEFINITION = new NodeKind("pipeline-definition");
    /** Commit → the definition version it introduced. */
    public static final EdgeKind DEFINES = new EdgeKind("defines");
    /** The run tags Braid reads to place an MLflow run under the CI job or orchestrator task that started it. */
    public static final List<String> JOB_TAGS = MlflowUnderJobs.TAGS;
    private final Database db;
    private final LineageService lineage;

    public PipelineLineage(Database db, LineageService lineage) {
        this.db = db;
        this.lineage = lineage;
    }

    /** {@code pipeline-run:<source name>:<run id>}. */
    public static NodeId run(String source, String runId) {
        return NodeId.of(PIPELINE_RUN, source + ":" + runId);
    }

    /** {@code ci-job:<source name>:<run id>/<job id>}. */
    public static NodeId job(String source, String runId, String jobId) {
        return NodeId.of(CI_JOB, source + ":" + runId + "/" + jobId);
    }

    static String assertedBy(String source) {
        return "ci:" + source;
    }

    static String linksAssertedBy(String source) {
        return "ci-mlflow:" + source;
    }

    /** The repository a source builds, as a lineage key: its {@code repo} setting, else what its address says. */
    static String repoKey(Source source) {
        String repo = source.config("repo");
        if (repo != null && !repo.isBlank()) {
            return LineageIds.repoKey(repo);
        }
        return switch (source.kind()) {
            case "gitlab" -> source.config("url") == null || source.config("project") == null ? null
                    : LineageIds.repoKey(source.config("url") + "/" + source.config("project"));
            case "github" -> source.config("repo") == null ? null : "github.com/" + source.config("repo");
            case "circleci" -> {
                String slug = source.config("slug");
                if (slug == null) {
                    yield null;
                }
                String[] parts = slug.split("/");
                String host = parts[0].equals("gh") || parts[0].equals("github") ? "github.com"
                        : parts[0].equals("bb") || parts[0].equals("bitbucket") ? "bitbucket.org" : null;
                yield host == null ? null : host + "/" + parts[1] + "/" + parts[2];
            }
            default -> null;
        };
    }

    /**
     * What removing or renaming a pipeline source of {@code kind} does to its lineage: its edges
     * and nodes go, or are derived again under the new name (node ids contain the source's name).
     */
    public List<SourceCleanup> cleanups(String kind) {
        // The job → MLflow run links are asserted apart: a rename relabels them (their ids follow
        // the job nodes, moved by the first cleanup); a removal drops them with the job nodes.
        return List.of(LineageCleanup.derived(kind, assertedBy(""), List.of(PIPELINE_RUN.id(), CI_JOB.id()),
                        (c, source) -> lineage.replace(c, assertedBy(source.name()), derive(c, source).changes())),
                LineageCleanup.relabelled(kind, linksAssertedBy("")));
    }

    /** Derives again the edges {@code source} asserts: its runs and jobs, then its jobs' MLflow runs. */
    public void rebuild(Source source) {
        Derived derived = db.read(c -> derive(c, source));
        lineage.replace(assertedBy(source.name()), derived.changes(), derived.renamed());
        lineage.replace(linksAssertedBy(source.name()), derived.mlflowLinks());
    }

    /** Derives again only which MLflow runs {@code source}'s jobs started (after an MLflow sync). */
    public void rebuildMlflowLinks(Source source) {
        Derived derived = db.read(c -> derive(c, source));
        lineage.replace(linksAssertedBy(source.name()), derived.mlflowLinks());
    }

    /**
     * What a source asserts, the ids it used before for runs it now calls by their OpenLineage
     * names, and apart the job → MLflow run edges.
     */
    record Derived(GraphChanges changes, java.util.Set<NodeId> renamed, GraphChanges mlflowLinks) {
    }

    Derived derive(Connection c, Source source) throws SQLException {
        GraphChanges.Builder out = GraphChanges.builder();
        String by = assertedBy(source.name());
        String repo = repoKey(source);
        Repositories indexed = repo == null ? Repositories.read(c) : null;
        // An orchestrator's every try is a task run of its own (Airflow reports each to OpenLineage);
        // a CI job is one node, its latest attempt.
        boolean everyTry = PipelineService.ORCHESTRATOR_KINDS.contains(source.kind());
        RunNodeNames names = RunNodeNames.read(c, source);
        MlflowUnderJobs mlflow = new MlflowUnderJobs(source.kind());
        try (PreparedStatement st = c.prepareStatement("SELECT r.run_id, r.number, r.status, r.sha, r.created_at, r.ref,"
                + " r.pipeline, j.job_id, j.name, j.status, j.started_at, j.finished_at, j.attempt, j.retried"
                + " FROM pipeline_runs r LEFT JOIN pipeline_jobs j ON j.run_pk = r.run_pk AND (j.retried = 0 OR ?2 = 1)"
                + " WHERE r.source_id = ?1 ORDER BY r.run_pk, j.position")) {
            st.setLong(1, source.id());
            st.setInt(2, everyTry ? 1 : 0);
            try (ResultSet rs = st.executeQuery()) {
                String current = null;
                NodeId run = null;
                while (rs.next()) {
                    String runId = rs.getString(1);
                    Instant at = rs.getObject(5) == null ? Instant.EPOCH : Instant.ofEpochMilli(rs.getLong(5));
                    String sha = rs.getString(4);
                    if (!runId.equals(current)) {
                        current = runId;
                        run = names.run(runId);
                        Map<String, String> props = new LinkedHashMap<>();
                        props.put("source", source.name());
                        props.put("runId", runId);
                        if (rs.getString(6) != null) {
                            props.put("ref", rs.getString(6));
                        }
                        String label = (rs.getString(7) == null ? source.name() : rs.getString(7))
                                + (rs.getObject(2) == null ? " " + runId : " #" + rs.getLong(2));
                        if (isOwn(run)) {
                            out.node(run, label, PipelineStatus.valueOf(rs.getString(3)).word(), at, props);
                        } else {
                            out.node(run, "", props); // named and given its state by the events that reported it
                        }
                        mlflow.run(runId, run);
                        if (sha != null && sha.matches("[0-9a-fA-F]{4,64}")) {
                            String key = repo != null ? repo : indexed.keyFor(sha, null);
                            NodeId commit = key == null ? LineageIds.commitInUnknownRepository(sha) : LineageIds.commitForKey(key, sha);
                            out.node(commit, sha.substring(0, Math.min(10, sha.length())));
                            out.edge(commit, run, EdgeKind.BUILT_FROM, by, at);
                        }
                    }
                    String jobId = rs.getString(8);
                    if (jobId == null) {
                        continue;
                    }
                    String name = rs.getString(9);
                    int attempt = rs.getInt(13);
                    boolean latest = rs.getInt(14) == 0;
                    NodeId job = names.job(runId, jobId, name, attempt);
                    Map<String, String> props = Map.of("source", source.name(), "runId", runId, "jobId", jobId);
                    if (isOwn(job)) {
                        out.node(job, name, PipelineStatus.valueOf(rs.getString(10)).word(), at, props);
                    } else {
                        out.node(job, "", props);
                    }
                    out.edge(run, job, EdgeKind.CONTAINS, by, at);
                    mlflow.job(runId, jobId, name, attempt, latest, job);
                    if (latest && sha != null && rs.getObject(11) != null) {
                        mlflow.window(sha, job, rs.getLong(11), rs.getObject(12) == null ? Long.MAX_VALUE : rs.getLong(12));
                    }
                }
            }
        }
        if (source.kind().equals("kubeflow")) {
            definitions(c, source, names, out, by);
        }
        GraphChanges.Builder links = GraphChanges.builder();
        mlflow.derive(c, linksAssertedBy(source.name()), links);
        return new Derived(out.build(), names.renamed(), links.build());
    }

    /**
     * Definition version → run for each run whose pipeline spec has the digest of a spec found in
     * an indexed repository (ADR 28); the version's node is the repository's, named here too in
     * case this source is rebuilt first.
     */
    private static void definitions(Connection c, Source source, RunNodeNames names, GraphChanges.Builder out, String by)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT r.run_id, d.repo_key, d.path, d.spec_hash, MAX(d.name),"
                + " MIN(d.committed_at), r.created_at FROM pipeline_runs r JOIN kubeflow_definition_versions d"
                + " ON d.spec_hash = r.definition_hash WHERE r.source_id = ? GROUP BY r.run_id, d.repo_key, d.path, d.spec_hash"
                + " ORDER BY r.run_id, d.repo_key, d.path")) {
            st.setLong(1, source.id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    NodeId version = KubeflowDefinitionLineage.version(rs.getString(2), rs.getString(3), rs.getString(4));
                    out.node(version, KubeflowDefinitionLineage.label(rs.getString(5), rs.getString(3)),
                            Map.of("path", rs.getString(3), "specDigest", rs.getString(4)));
                    Instant at = rs.getObject(7) == null ? Instant.ofEpochMilli(rs.getLong(6)) : Instant.ofEpochMilli(rs.getLong(7));
                    out.edge(version, names.run(rs.getString(1)), EdgeKind.RUN_OF, by, at);
                }
            }
        }
    }

    private static boolean isOwn(NodeId id) {
        return id.kind().equals(PIPELINE_RUN) || id.kind().equals(CI_JOB);
    }
}
