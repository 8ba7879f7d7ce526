package dev.braid.demo;

import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.ExperimentService;
import dev.braid.features.FeatureCatalogService;
import dev.braid.features.FeatureException;
import dev.braid.lineage.ImportReport;
import dev.braid.lineage.OpenLineageImporter;
import dev.braid.pipelines.PipelineService;
import dev.braid.repos.RepoException;
import dev.braid.repos.RepositoryService;
import dev.braid.sync.Source;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sets up the demo workspace for someone trying Braid without a repository of their own: writes
 * the demo repository and adds it as a source. The caller then syncs it like any other source.
 * Given the experiments feature, it also writes the demo's MLflow store (an {@code mlruns} folder
 * next to the repository, whose runs name the repository's commits), adds it and syncs it.
 */
public final class DemoService {
    /** The name the demo source gets (with a number appended if it is taken). */
    public static final String SOURCE_NAME = "demo-ml-project";
    /** The name the demo's MLflow store gets (with a number appended if it is taken). */
    public static final String MLFLOW_SOURCE_NAME = "demo-mlflow";
    /** The name the demo's Feast registry gets (with a number appended if it is taken). */
    public static final String FEAST_SOURCE_NAME = "demo-feast";
    private final RepositoryService repositories;
    private final DemoWorkspace workspace;
    private final ExperimentService experiments;
    private final SourceSyncer mlflowSyncer;
    private final OpenLineageImporter lineage;
    private FeatureCatalogService features;
    private final PipelineService pipelines;

    public DemoService(RepositoryService repositories, DemoWorkspace workspace) {
        this(repositories, workspace, null, null);
    }

    public DemoService(RepositoryService repositories, DemoWorkspace workspace, ExperimentService experiments,
                       SourceSyncer mlflowSyncer) {
        this(repositories, workspace, experiments, mlflowSyncer, null);
    }

    /**
     * @param experiments  where the demo MLflow store is added as a source; null for none
     * @param mlflowSyncer syncs that source right away; null to leave it to the caller
     * @param lineage      imports the OpenLineage events of the demo's data pipelines; null for none
     */
    public DemoService(RepositoryService repositories, DemoWorkspace workspace, ExperimentService experiments,
                       SourceSyncer mlflowSyncer, OpenLineageImporter lineage) {
        this(repositories, workspace, experiments, mlflowSyncer, lineage, null);
    }

    /** @param pipelines where the demo's CI and Airflow histories are added as sources; null for none */
    public DemoService(RepositoryService repositories, DemoWorkspace workspace, ExperimentService experiments,
                       SourceSyncer mlflowSyncer, OpenLineageImporter lineage, PipelineService pipelines) {
        this.pipelines = pipelines;
        this.repositories = repositories;
        this.workspace = workspace;
        this.experiments = experiments;
        this.mlflowSyncer = mlflowSyncer;
        this.lineage = lineage;
    }

    /**
     * Also writes the registry the demo's feature repository would have in Feast and adds it as a
     * Feast source (not synced yet: the caller syncs it with the others). Returns this service.
     */
    public DemoService withFeatures(FeatureCatalogService catalogue) {
        this.features = catalogue;
        return this;
    }

    public DemoService(RepositoryService repositories) {
        this(repositories, new DemoWorkspace());
    }

    /**
     * Writes the demo repository into {@code into} (created; must be empty or absent) and adds it
     * as a git source, not synced yet. If adding fails the written folder is removed again.
     */
    public Source open(Path into, SyncContext progress) throws IOException, RepoException {
        progress.progress(-1, "writing the demo repository");
        repositories.prepareGit();
        Path workTree = workspace.createRepository(into);
        try {
            progress.checkCancelled();
            progress.progress(-1, "adding the demo repository");
            Source repository = repositories.add(workTree.toString(), freeName(), progress);
            // The demo's runs and pipeline events both point at its commits: walk its history once.
            List<DemoMlflowStore.Commit> commits = experiments != null || lineage != null || pipelines != null
                    ? DemoCommits.of(workTree) : List.of();
            DemoTraining training = new DemoTraining();
            if (pipelines != null) {
                progress.progress(-1, "writing the demo's CI history");
                new DemoPipelines(DemoWorkspace.DEFAULT_SEED).add(pipelines, commits, freePipelineName(), workTree, training);
                progress.progress(-1, "writing the demo's Airflow history");
                new DemoAirflow(DemoWorkspace.DEFAULT_SEED).add(pipelines, commits, freeName(DemoAirflow.SOURCE_NAME), workTree,
                        training);
            }
            if (experiments != null) {
                addExperiments(commits, mlrunsFolder(into), training, progress);
            }
            if (lineage != null) {
                importPipelineEvents(workTree, commits, eventsFile(into), progress);
            }
            if (features != null) {
                addFeatureStore(workTree, progress);
            }
            return repository;
        } catch (RepoException | RuntimeException e) {
            deleteQuietly(into);
            throw e;
        }
    }

    /** Where the demo's MLflow store goes: {@code <into>-mlruns} next to the repository. */
    static Path mlrunsFolder(Path into) {
        Path folder = into.toAbsolutePath().normalize();
        return folder.resolveSibling(folder.getFileName() + "-mlruns");
    }

    /** Where the demo's OpenLineage events go: {@code <into>-openlineage/pipelines.jsonl} next to the repository. */
    static Path eventsFile(Path into) {
        Path folder = into.toAbsolutePath().normalize();
        return folder.resolveSibling(folder.getFileName() + "-openlineage").resolve("pipelines.jsonl");
    }

    private void importPipelineEvents(Path workTree, List<DemoMlflowStore.Commit> commits, Path file, SyncContext progress)
            throws IOException {
        progress.progress(-1, "writing the demo pipelines' OpenLineage events");
        if (Files.exists(file)) {
            throw new IOException("the file for the demo's OpenLineage events is taken: " + file);
        }
        new DemoLineageEvents(DemoWorkspace.DEFAULT_SEED).write(file, workTree, commits);
        progress.progress(-1, "importing the demo pipelines' OpenLineage events");
        ImportReport report = lineage.importPaths(List.of(file));
        if (!report.problems().isEmpty()) {
            throw new IOException("the demo's OpenLineage events were not all accepted: " + report.problems().get(0));
        }
    }

    private void addFeatureStore(Path workTree, SyncContext progress) throws IOException {
        progress.progress(-1, "writing the demo's Feast registry");
        Path registry = DemoFeatureRegistry.write(workTree);
        if (registry == null) {
            return;
        }
        try {
            features.addRegistry(workTree.resolve(DemoFeast.FOLDER).toString(), FEAST_SOURCE_NAME, null, null);
        } catch (FeatureException e) {
            throw new IOException("could not add the demo's Feast registry: " + e.getMessage(), e);
        }
    }

    private void addExperiments(List<DemoMlflowStore.Commit> commits, Path mlruns, DemoTraining training, SyncContext progress)
            throws IOException {
        progress.progress(-1, "writing the demo MLflow store");
        if (Files.exists(mlruns)) {
            throw new IOException("the folder for the demo MLflow store is taken: " + mlruns);
        }
        new DemoMlflowStore(DemoWorkspace.DEFAULT_SEED).write(mlruns, commits, training);
        Source source;
        try {
            source = experiments.addMlflow(mlruns.toString(), freeMlflowName(), null, null, null);
        } catch (ExperimentException e) {
            deleteQuietly(mlruns);
            throw new IOException("could not add the demo MLflow store: " + e.getMessage(), e);
        }
        if (mlflowSyncer != null) {
            progress.progress(-1, "reading the demo MLflow store");
            try {
                mlflowSyncer.sync(source, progress);
            } catch (Exception e) {
                // The source stays: syncing it again later may well work.
                throw new IOException("the demo MLflow store was added but could not be read: " + e.getMessage(), e);
            }
        }
    }

    private String freeName(String base) {
        List<String> taken = pipelines.sources().stream().map(Source::name).toList();
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private String freePipelineName() {
        List<String> taken = pipelines.sources().stream().map(Source::name).toList();
        String name = DemoPipelines.SOURCE_NAME;
        for (int n = 2; taken.contains(name); n++) {
            name = DemoPipelines.SOURCE_NAME + "-" + n;
        }
        return name;
    }

    private String freeMlflowName() {
        List<String> taken = experiments.sources().stream().map(Source::name).toList();
        String name = MLFLOW_SOURCE_NAME;
        for (int n = 2; taken.contains(name); n++) {
            name = MLFLOW_SOURCE_NAME + "-" + n;
        }
        return name;
    }

    private String freeName() {
        String name = SOURCE_NAME;
        for (int n = 2; repositories.find(name).isPresent(); n++) {
            name = SOURCE_NAME + "-" + n;
        }
        return name;
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover folder is harmless and the original failure matters more.
        }
    }
}
