package dev.braid.lineage;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates lineage graphs shaped like a real ML project's: a repository's commits, an ETL job
 * whose runs turn raw dataset versions into feature versions, and per feature version an MLflow
 * sweep (a parent run with twelve children, so fan-outs of ten and more) whose best child logs a
 * model that is registered, versioned and aliased. Ids follow the documented grammar; every edge
 * is asserted one day after the previous commit's, so "as of" has history to cut.
 */
public final class LineageGraphs {
    public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    public static final int SWEEP_CHILDREN = 12;
    private static final String[] SUBJECTS = {"Tune learning rate schedule", "Fix tokenizer edge case", "Add churn features",
        "Bump torch to 2.4", "Refactor training loop", "Log dataset digests", "Balance the classes", "Cache embeddings"};
    private final InMemoryLineage graph = new InMemoryLineage();
    private final Random random;
    private final String project;

    private LineageGraphs(String project, long seed) {
        this.project = project;
        this.random = new Random(seed);
    }

    /** One project with {@code commits} commits, each built into an ETL run and an MLflow sweep. */
    public static InMemoryLineage project(String project, int commits, long seed) {
        LineageGraphs g = new LineageGraphs(project, seed);
        g.build(commits);
        return g.graph;
    }

    public static NodeId repo(String project) {
        return NodeId.of(NodeKind.REPOSITORY, project);
    }

    /** The ids the build gives, so tests can name nodes without searching. */
    public static NodeId rawDataset(String project) {
        return NodeId.of(NodeKind.DATASET, "s3://" + project + "-lake:raw/events.parquet");
    }

    public static NodeId model(String project) {
        return NodeId.of(NodeKind.MODEL, "tracking:" + project + "-classifier");
    }

    private void build(int commits) {
        NodeId repo = node(repo(project), project, "", Map.of("url", "https://git.example.com/ml/" + project + ".git"));
        NodeId raw = node(rawDataset(project), "raw/events.parquet", "", Map.of("namespace", "s3://" + project + "-lake"));
        NodeId features = node(NodeId.of(NodeKind.DATASET, "s3://" + project + "-lake:features/train.parquet"),
                "features/train.parquet", "", Map.of("namespace", "s3://" + project + "-lake"));
        NodeId job = node(NodeId.of(NodeKind.JOB, "airflow:" + project + ".build_features"), project + ".build_features", "",
                Map.of("namespace", "airflow"));
        NodeId model = node(model(project), project + "-classifier", "", Map.of("source", "tracking"));
        NodeId previousAlias = null;
        for (int i = 0; i < commits; i++) {
            Instant at = START.plus(Duration.ofDays(i));
            String sha = hex(20);
            String subject = SUBJECTS[i % SUBJECTS.length];
            NodeId commit = node(NodeId.of(NodeKind.COMMIT, project + ":" + sha), sha.substring(0, 7) + " " + subject, "",
                    Map.of("repository", project, "sha", sha, "subject", subject, "author", "dev" + (i % 4) + "@example.com"));
            edge(repo, commit, EdgeKind.CONTAINS, "git", at);

            NodeId rawVersion = version(raw, "raw/events.parquet", at);
            NodeId featureVersion = version(features, "features/train.parquet", at);
            NodeId jobRun = node(NodeId.of(NodeKind.JOB_RUN, "airflow:" + uuid()), project + ".build_features #" + (i + 1),
                    i % 7 == 5 ? "FAILED" : "COMPLETE", Map.of("job", project + ".build_features"));
            edge(job, jobRun, EdgeKind.RUN_OF, "openlineage", at);
            edge(commit, jobRun, EdgeKind.BUILT_FROM, "openlineage", at);
            edge(rawVersion, jobRun, EdgeKind.INPUT, "openlineage", at);
            edge(jobRun, featureVersion, EdgeKind.OUTPUT, "openlineage", at);

            NodeId best = sweep(commit, featureVersion, i, commits, at);
            NodeId logged = node(NodeId.of(NodeKind.LOGGED_MODEL, "tracking:m-" + hex(8)), "model (sweep " + (i + 1) + ")", "",
                    Map.of("flavor", "pytorch"));
            edge(best, logged, EdgeKind.LOGGED, "tracking", at.plusSeconds(3600));
            NodeId version = node(NodeId.of(NodeKind.MODEL_VERSION, "tracking:" + project + "-classifier:" + (i + 1)),
                    project + "-classifier v" + (i + 1), "READY", Map.of("version", String.valueOf(i + 1)));
            edge(logged, version, EdgeKind.REGISTERED, "tracking", at.plusSeconds(7200));
            edge(model, version, EdgeKind.VERSION, "tracking", at.plusSeconds(7200));
            if (i == commits - 1 || i % 5 == 4) {
                String alias = i == commits - 1 ? "champion" : "release-" + (i / 5 + 1);
                NodeId aliasId = node(NodeId.of(NodeKind.ALIAS, "tracking:" + project + "-classifier:" + alias), alias, "",
                        Map.of("model", project + "-classifier"));
                edge(version, aliasId, EdgeKind.ALIAS, "tracking", at.plusSeconds(9000));
                previousAlias = aliasId;
            }
        }
        if (previousAlias == null) {
            throw new IllegalStateException("a project needs at least one commit");
        }
    }

    /** A parent run and its children, all built from the commit and reading the feature version; returns the best child. */
    private NodeId sweep(NodeId commit, NodeId featureVersion, int index, int commits, Instant at) {
        NodeId parent = run("sweep-" + (index + 1), index == commits - 1 ? "RUNNING" : "FINISHED", at);
        edge(commit, parent, EdgeKind.BUILT_FROM, "tracking", at);
        edge(featureVersion, parent, EdgeKind.INPUT, "tracking", at);
        NodeId best = null;
        for (int c = 0; c < SWEEP_CHILDREN; c++) {
            String status = c == 3 ? "FAILED" : c == 7 && index % 2 == 0 ? "KILLED" : "FINISHED";
            NodeId child = run("sweep-" + (index + 1) + "/trial-" + (c + 1), status, at.plusSeconds(60L * c));
            edge(parent, child, EdgeKind.PARENT, "tracking", at.plusSeconds(60L * c));
            edge(featureVersion, child, EdgeKind.INPUT, "tracking", at.plusSeconds(60L * c));
            if (c == 5) {
                best = child;
            }
        }
        return best;
    }

    private NodeId run(String name, String status, Instant at) {
        String runId = hex(16);
        return node(NodeId.of(NodeKind.EXPERIMENT_RUN, "tracking:" + runId), name, status,
                Map.of("run_id", runId, "experiment", project, "lr", String.format("%.4f", 0.0001 + random.nextDouble() / 100),
                        "started", at.toString()));
    }

    private NodeId version(NodeId dataset, String name, Instant at) {
        String digest = hex(6);
        NodeId id = new NodeId(NodeKind.DATASET_VERSION.id() + dataset.value().substring(dataset.value().indexOf(':')) + "@" + digest);
        node(id, name + "@" + digest, "", Map.of("digest", digest));
        edge(dataset, id, EdgeKind.VERSION, "openlineage", at);
        return id;
    }

    private NodeId node(NodeId id, String name, String status, Map<String, String> properties) {
        graph.add(new LineageNode(id, name, status, properties));
        return id;
    }

    private void edge(NodeId from, NodeId to, EdgeKind kind, String by, Instant at) {
        graph.add(new LineageEdge(from, to, kind, by, at));
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private String uuid() {
        String h = hex(16);
        return String.join("-", List.of(h.substring(0, 8), h.substring(8, 12), h.substring(12, 16), h.substring(16, 20), h.substring(20)));
    }
}
