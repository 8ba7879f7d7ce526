package dev.braid.lineage.dvc;

import dev.braid.lineage.DatasetIdentity;
import dev.braid.lineage.DatasetIdentity.DatasetName;
import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a repository's DVC history into lineage: each stage a commit re-ran (the data it read or
 * wrote differs from everything the parent recorded) becomes a run of that stage's job, built
 * from the commit, reading the recorded versions of its dependencies and writing the recorded
 * versions of its outputs and so their datasets. A {@code .dvc}
 * file is a stage without a command whose outputs are the data it tracks. Datasets are named by
 * {@link DatasetIdentity#fromDvc}; versions are DVC's recorded hashes.
 */
public final class DvcLineage {
    private DvcLineage() {
    }

    /**
     * @param repository the repository's remote URL, or its folder when it has none
     * @param assertedBy the source name the edges are recorded under, e.g. {@code dvc:<repository source>}
     */
    public static GraphChanges of(String repository, String assertedBy, List<DvcCommit> history) {
        Changes changes = new Changes();
        String repoKey = LineageIds.repoKey(repository);
        NodeId repoId = LineageIds.repositoryForKey(repoKey);
        for (DvcCommit commit : history) {
            Set<String> before = new HashSet<>();
            commit.before().stages().forEach(stage -> before.add(stage.dataKey()));
            NodeId commitId = LineageIds.commitForKey(repoKey, commit.sha());
            boolean anyRun = false;
            for (DvcStage stage : commit.recorded().stages()) {
                // A stage is re-run when what it read or wrote changed; one that the parent already
                // recorded with the same data (perhaps in another file or format) ran before.
                if (before.contains(stage.dataKey())) {
                    continue;
                }
                if (!anyRun) {
                    changes.node(repoId, repoKey, Map.of("location", repository));
                    changes.node(commitId, commit.sha().substring(0, Math.min(8, commit.sha().length())) + " "
                            + commit.subject(), Map.of("commit", commit.sha()));
                    changes.edge(repoId, commitId, EdgeKind.CONTAINS, assertedBy, commit.time());
                    anyRun = true;
                }
                String job = jobName(stage);
                NodeId jobId = LineageIds.job(repoKey, job);
                NodeId runId = LineageIds.jobRun(runUuid(repoKey, commit.sha(), stage).toString());
                changes.node(jobId, job, Map.of("dvc.file", stage.file()));
                Map<String, String> runFacts = new LinkedHashMap<>();
                runFacts.put("dvc.file", stage.file());
                runFacts.put("commit", commit.sha());
                if (!stage.cmd().isEmpty()) {
                    runFacts.put("cmd", stage.cmd());
                }
                changes.node(runId, job + " @ " + commit.sha().substring(0, Math.min(8, commit.sha().length())),
                        "COMPLETE", commit.time(), runFacts);
                changes.edge(jobId, runId, EdgeKind.RUN_OF, assertedBy, commit.time());
                changes.edge(commitId, runId, EdgeKind.BUILT_FROM, assertedBy, commit.time());
                for (DvcEntry dep : stage.deps()) {
                    changes.edge(dataNode(changes, repository, commit, dep, assertedBy), runId, EdgeKind.INPUT,
                            assertedBy, commit.time());
                }
                for (DvcEntry out : stage.outs()) {
                    NodeId written = dataNode(changes, repository, commit, out, assertedBy);
                    changes.edge(runId, written, EdgeKind.OUTPUT, assertedBy, commit.time());
                    if (written.kind().equals(dev.braid.lineage.NodeKind.DATASET_VERSION)) {
                        // Writing a version also changes the dataset (ADR 8): whoever reads it by
                        // name, and whoever asks what made it, sees this run upstream.
                        changes.edge(runId, datasetOf(repository, commit, out), EdgeKind.OUTPUT, assertedBy, commit.time());
                    }
                }
            }
        }
        return changes.build();
    }

    /**
     * Collects nodes and edges; an edge asserted again by a later commit (a file unchanged since)
     * keeps the time it was first recorded, which is what "as of" needs.
     */
    private static final class Changes {
        private final GraphChanges.Builder builder = GraphChanges.builder();
        private final Set<String> edges = new HashSet<>();

        void node(NodeId id, String name, Map<String, String> properties) {
            builder.node(id, name, properties);
        }

        void node(NodeId id, String name, String status, Instant statusAt, Map<String, String> properties) {
            builder.node(id, name, status, statusAt, properties);
        }

        void edge(NodeId from, NodeId to, EdgeKind kind, String assertedBy, Instant at) {
            if (edges.add(from + "\n" + to + "\n" + kind)) {
                builder.edge(from, to, kind, assertedBy, at);
            }
        }

        GraphChanges build() {
            return builder.build();
        }
    }

    /** The dataset an entry names (ADR 8, rule 6), with the remote the commit recorded. */
    static DatasetName nameOf(String repository, DvcRemote remote, DvcEntry entry) {
        return entry.repoUrl().isEmpty()
                ? DatasetIdentity.fromDvc(repository, entry.path(), remote.url(), remote.pathPreserving())
                : DatasetIdentity.fromDvc(entry.repoUrl(), entry.path(), "", false);
    }

    private static NodeId datasetOf(String repository, DvcCommit commit, DvcEntry entry) {
        return nameOf(repository, commit.recorded().remote(), entry).nodeId();
    }

    /** The dataset version an entry recorded (with its dataset), or the dataset when DVC kept no hash. */
    private static NodeId dataNode(Changes changes, String repository, DvcCommit commit, DvcEntry entry,
                                   String assertedBy) {
        DatasetName name = nameOf(repository, commit.recorded().remote(), entry);
        NodeId dataset = name.nodeId();
        // Shown by the path DVC knows it by; the id carries the full location.
        String shown = entry.repoUrl().isEmpty() ? entry.path() : name.name();
        changes.node(dataset, shown, Map.of("location", name.uri()));
        if (entry.hash().isEmpty()) {
            return dataset;
        }
        NodeId version = name.versionId(entry.hash());
        Map<String, String> facts = new HashMap<>();
        facts.put("dvc.hash", entry.hash());
        if (entry.size() >= 0) {
            facts.put("size", Long.toString(entry.size()));
        }
        changes.node(version, shown + "@" + entry.hash().substring(0, Math.min(8, entry.hash().length())), facts);
        changes.edge(dataset, version, EdgeKind.VERSION, assertedBy, commit.time());
        return version;
    }

    /** A stage's job: its name, below the folder of its {@code dvc.lock} when that is not the root. */
    static String jobName(DvcStage stage) {
        if (stage.tracksData()) {
            return stage.file();
        }
        int slash = stage.file().lastIndexOf('/');
        return slash < 0 ? stage.name() : stage.file().substring(0, slash) + "/" + stage.name();
    }

    /** DVC runs have no id of their own; the same stage recorded in the same commit always gets the same one. */
    static UUID runUuid(String repoKey, String sha, DvcStage stage) {
        return UUID.nameUUIDFromBytes(("dvc\n" + repoKey + "\n" + sha + "\n" + stage.file() + "\n" + stage.name())
                .getBytes(StandardCharsets.UTF_8));
    }
}
