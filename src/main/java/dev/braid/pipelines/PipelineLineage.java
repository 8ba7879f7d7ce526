package dev.braid.pipelines;

import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.LineageCleanup;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceCleanup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lineage a pipeline source asserts (docs/decisions/0008-lineage-identity.md, "Pipeline runs"):
 * commit → pipeline run → job, and job → the MLflow runs it started. An MLflow run names its CI job
 * by tags ({@link #JOB_TAGS}); failing those, a run whose {@code mlflow.source.git.commit} is a
 * pipeline's commit and which started while one of that pipeline's jobs ran hangs under that job,
 * marked {@code inferred}. Derived from the cache after each sync, replacing what the source asserted
 * before, as MLflow's edges are.
 */
public final class PipelineLineage {
    public static final NodeKind PIPELINE_RUN = new NodeKind("pipeline-run");
    public static final NodeKind CI_JOB = new NodeKind("ci-job");
    /** The run tags Braid reads to place an MLflow run under the CI job that started it. */
    public static final List<String> JOB_TAGS = List.of("CI_JOB_ID", "CI_PIPELINE_ID", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT",
            "BUILD_NUMBER", "CIRCLE_WORKFLOW_JOB_ID", "CIRCLE_BUILD_NUM");
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
    public SourceCleanup cleanup(String kind) {
        return LineageCleanup.derived(kind, assertedBy(""), List.of(PIPELINE_RUN.id(), CI_JOB.id()),
                (c, source) -> lineage.replace(c, assertedBy(source.name()), derive(c, source)));
    }

    /** Derives again the edges {@code source} asserts, in one transaction. */
    public void rebuild(Source source) {
        GraphChanges changes = db.read(c -> derive(c, source));
        lineage.replace(assertedBy(source.name()), changes);
    }

    GraphChanges derive(Connection c, Source source) throws SQLException {
        GraphChanges.Builder out = GraphChanges.builder();
        String by = assertedBy(source.name());
        String repo = repoKey(source);
        Map<String, NodeId> jobsByCiId = new HashMap<>();
        Map<String, List<Window>> windowsBySha = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT r.run_id, r.number, r.status, r.sha, r.created_at, r.ref,"
                + " r.pipeline, j.job_id, j.name, j.status, j.started_at, j.finished_at FROM pipeline_runs r"
                + " LEFT JOIN pipeline_jobs j ON j.run_pk = r.run_pk AND j.retried = 0 WHERE r.source_id = ?"
                + " ORDER BY r.run_pk, j.position")) {
            st.setLong(1, source.id());
            try (ResultSet rs = st.executeQuery()) {
                String current = null;
                while (rs.next()) {
                    String runId = rs.getString(1);
                    NodeId run = run(source.name(), runId);
                    Instant at = rs.getObject(5) == null ? Instant.EPOCH : Instant.ofEpochMilli(rs.getLong(5));
                    String sha = rs.getString(4);
                    if (!runId.equals(current)) {
                        current = runId;
                        Map<String, String> props = new LinkedHashMap<>();
                        props.put("source", source.name());
                        props.put("runId", runId);
                        if (rs.getString(6) != null) {
                            props.put("ref", rs.getString(6));
                        }
                        String label = (rs.getString(7) == null ? source.name() : rs.getString(7))
                                + (rs.getObject(2) == null ? " " + runId : " #" + rs.getLong(2));
                        out.node(run, label, PipelineStatus.valueOf(rs.getString(3)).word(), at, props);
                        if (sha != null && sha.matches("[0-9a-fA-F]{4,64}")) {
                            NodeId commit = repo == null ? LineageIds.commitInUnknownRepository(sha) : LineageIds.commitForKey(repo, sha);
                            out.node(commit, sha.substring(0, Math.min(10, sha.length())));
                            out.edge(commit, run, EdgeKind.BUILT_FROM, by, at);
                        }
                    }
                    String jobId = rs.getString(8);
                    if (jobId == null) {
                        continue;
                    }
                    NodeId job = job(source.name(), runId, jobId);
                    out.node(job, rs.getString(9), PipelineStatus.valueOf(rs.getString(10)).word(), at,
                            Map.of("source", source.name(), "runId", runId, "jobId", jobId));
                    out.edge(run, job, EdgeKind.CONTAINS, by, at);
                    jobsByCiId.put(jobId, job);
                    jobsByCiId.putIfAbsent("run:" + runId, job);
                    if (sha != null && rs.getObject(11) != null) {
                        long end = rs.getObject(12) == null ? Long.MAX_VALUE : rs.getLong(12);
                        windowsBySha.computeIfAbsent(sha.toLowerCase(java.util.Locale.ROOT), k -> new java.util.ArrayList<>())
                                .add(new Window(job, rs.getLong(11), end));
                    }
                }
            }
        }
        mlflowRuns(c, source, jobsByCiId, windowsBySha, by, out);
        return out.build();
    }

    private record Window(NodeId job, long start, long end) {
    }

    /** Hangs MLflow runs under the job that started them: by CI tags, else by commit and time (inferred). */
    private static void mlflowRuns(Connection c, Source source, Map<String, NodeId> jobs, Map<String, List<Window>> windows,
                                   String by, GraphChanges.Builder out) throws SQLException {
        if (jobs.isEmpty() || !tableExists(c, "runs")) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT s.name, r.run_id, r.start_time, r.source_commit,"
                + " (SELECT value FROM run_tags t WHERE t.run_pk = r.run_pk AND t.key = 'CI_JOB_ID'),"
                + " (SELECT value FROM run_tags t WHERE t.run_pk = r.run_pk AND t.key = 'GITHUB_RUN_ID'),"
                + " (SELECT value FROM run_tags t WHERE t.run_pk = r.run_pk AND t.key = 'CIRCLE_BUILD_NUM')"
                + " FROM runs r JOIN sources s ON s.id = r.source_id WHERE r.lifecycle_stage = 'active'")) {
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    NodeId mlflow = LineageIds.mlflowRun(rs.getString(1), rs.getString(2));
                    Instant at = rs.getObject(3) == null ? Instant.EPOCH : Instant.ofEpochMilli(rs.getLong(3));
                    NodeId job = null;
                    if (rs.getString(5) != null && !source.kind().equals("github")) {
                        job = jobs.get(rs.getString(5));
                    }
                    if (job == null && rs.getString(7) != null && source.kind().equals("circleci")) {
                        job = jobs.get(rs.getString(7));
                    }
                    if (job == null && rs.getString(6) != null && source.kind().equals("github")) {
                        job = jobs.get("run:" + rs.getString(6));
                    }
                    if (job != null) {
                        out.node(mlflow, "");
                        out.edge(job, mlflow, EdgeKind.PARENT, by, at, Map.of("by", "tags"));
                        continue;
                    }
                    String sha = rs.getString(4);
                    if (sha == null || rs.getObject(3) == null) {
                        continue;
                    }
                    long start = rs.getLong(3);
                    for (Window w : windows.getOrDefault(sha.toLowerCase(java.util.Locale.ROOT), List.of())) {
                        if (start >= w.start() && start <= w.end()) {
                            out.node(mlflow, "");
                            out.edge(w.job(), mlflow, EdgeKind.PARENT, by, at, Map.of("by", "commit and time", "inferred", "true"));
                            break;
                        }
                    }
                }
            }
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
