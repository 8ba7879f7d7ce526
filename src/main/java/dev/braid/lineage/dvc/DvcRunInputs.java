package dev.braid.lineage.dvc;

import dev.braid.lineage.CommittedRun;
import dev.braid.lineage.DatasetIdentity.DatasetName;
import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.MlflowLineageStep;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.RunRepository;
import dev.braid.sync.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Joins MLflow runs to the data DVC recorded at the commit they ran at (ADR 9): an MLflow run
 * records its commit, and that commit's {@code dvc.lock} and {@code .dvc} files record the
 * versions of the files in it. A run read such a file when one of its dataset inputs names it, or
 * when a pipeline stage runs the run's entry point (the stage's dependencies are what the run
 * read). Each link is a dataset version → run {@code input} edge marked as derived from the commit
 * ({@code derivedFrom}, and {@code via} the file, stage or dataset input that says so), asserted
 * by {@code dvc-commit:<repository source>} and derived again, whole, after the repository or any
 * MLflow source with runs in it syncs.
 */
public final class DvcRunInputs implements MlflowLineageStep.FollowUp {
    private static final Logger LOG = Logger.getLogger(DvcRunInputs.class.getName());
    private final LineageService lineage;

    public DvcRunInputs(LineageService lineage) {
        this.lineage = lineage;
    }

    /** The source name the join's edges for the repository source {@code repositoryName} are recorded under. */
    public static String assertedBy(String repositoryName) {
        return "dvc-commit:" + repositoryName;
    }

    /** Derives the join again for one repository, read from {@code repository} (open, as a sync holds it). */
    public void derive(long repoSourceId, String repoSourceName, Repository repository, String location) throws IOException {
        List<CommittedRun> runs = lineage.runsAtCommitsOf(repoSourceId);
        lineage.replace(assertedBy(repoSourceName), join(runs, repository, location, assertedBy(repoSourceName)));
    }

    /** After an MLflow source synced: the join of every repository its runs ran in. */
    @Override
    public void mlflowSynced(Source mlflowSource) {
        for (RunRepository repository : lineage.repositoriesWithRunsOf(mlflowSource.id())) {
            try (Git git = Git.open(Path.of(repository.path()).toFile())) {
                derive(repository.sourceId(), repository.sourceName(), git.getRepository(), repository.location());
            } catch (IOException | RuntimeException e) {
                // The previous join stays until the repository or the MLflow source syncs again.
                LOG.log(Level.WARNING, "could not join the runs of " + mlflowSource.name() + " to the DVC data of "
                        + repository.sourceName(), e);
            }
        }
    }

    /** The join's edges for {@code runs}, reading each commit's DVC files from {@code repository}. */
    static GraphChanges join(List<CommittedRun> runs, Repository repository, String location, String assertedBy)
            throws IOException {
        GraphChanges.Builder out = GraphChanges.builder();
        if (runs.isEmpty()) {
            return out.build();
        }
        String repoKey = LineageIds.repoKey(location);
        String workTree = repository.isBare() ? "" : repository.getWorkTree().toPath().toAbsolutePath().normalize().toString();
        String folderKey = workTree.isEmpty() ? "" : LineageIds.repoKey(workTree);
        DvcScanner scanner = new DvcScanner(repository);
        Map<String, DvcSnapshot> snapshots = new HashMap<>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (CommittedRun run : runs) {
                if (!run.repoUrl().isEmpty() && !LineageIds.repoKey(run.repoUrl()).equals(repoKey)
                        && !LineageIds.repoKey(run.repoUrl()).equals(folderKey)) {
                    continue; // the run names another repository that happens to hold the commit (a fork)
                }
                DvcSnapshot snapshot = snapshots.get(run.sha());
                if (snapshot == null && !snapshots.containsKey(run.sha())) {
                    snapshot = read(scanner, walk, run.sha());
                    snapshots.put(run.sha(), snapshot);
                }
                if (snapshot != null && !snapshot.stages().isEmpty()) {
                    link(run, snapshot, location, workTree, LineageIds.commitForKey(repoKey, run.sha()), assertedBy, out);
                }
            }
        }
        return out.build();
    }

    private static DvcSnapshot read(DvcScanner scanner, RevWalk walk, String sha) throws IOException {
        try {
            return scanner.read(walk.parseCommit(ObjectId.fromString(sha)));
        } catch (MissingObjectException | IllegalArgumentException gone) {
            return null; // indexed once, rewritten away since
        }
    }

    private static void link(CommittedRun run, DvcSnapshot snapshot, String location, String workTree, NodeId commit,
                             String assertedBy, GraphChanges.Builder out) {
        Map<String, DvcEntry> recorded = new LinkedHashMap<>();
        for (DvcStage stage : snapshot.stages()) {
            stage.deps().forEach(e -> recorded.putIfAbsent(e.path(), e));
        }
        for (DvcStage stage : snapshot.stages()) {
            stage.outs().forEach(e -> recorded.put(e.path(), e)); // what a stage wrote names the data best
        }
        for (String dataset : run.datasetLocations()) {
            DvcEntry entry = DvcRunMatching.entryFor(dataset, workTree, recorded);
            if (entry != null) {
                edge(run, entry, snapshot, location, commit, "dataset input " + dataset, assertedBy, out);
            }
        }
        for (DvcStage stage : snapshot.stages()) {
            if (!stage.tracksData() && DvcRunMatching.runs(stage.cmd(), run.entryPoint())) {
                for (DvcEntry dep : stage.deps()) {
                    edge(run, dep, snapshot, location, commit, "stage " + stage.name() + " of " + stage.file(), assertedBy, out);
                }
            }
        }
    }

    private static void edge(CommittedRun run, DvcEntry entry, DvcSnapshot snapshot, String location, NodeId commit,
                             String via, String assertedBy, GraphChanges.Builder out) {
        if (entry.hash().isEmpty()) {
            return;
        }
        DatasetName name = DvcLineage.nameOf(location, snapshot.remote(), entry);
        NodeId dataset = name.nodeId();
        NodeId version = name.versionId(entry.hash());
        out.node(dataset, entry.repoUrl().isEmpty() ? entry.path() : name.name(), Map.of("location", name.uri()));
        out.node(version, "", Map.of("dvc.hash", entry.hash()));
        out.edge(dataset, version, EdgeKind.VERSION, assertedBy, run.startedAt());
        out.node(run.run(), "");
        out.edge(version, run.run(), EdgeKind.INPUT, assertedBy, run.startedAt(),
                Map.of("derivedFrom", commit.value(), "via", via));
    }
}
