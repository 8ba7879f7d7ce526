package dev.braid.shell;

import dev.braid.demo.DemoService;
import dev.braid.demo.DemoWorkspace;
import dev.braid.experiments.ExperimentService;
import dev.braid.lineage.OpenLineageImporter;
import dev.braid.pipelines.PipelineService;
import dev.braid.repos.RepositoryService;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens the demo workspace from the welcome page: writes it into the data folder and adds it (with
 * its MLflow store when given the experiments feature).
 */
public final class DemoWorkspaceOpener implements DemoOpener {
    private final RepositoryService repositories;
    private final Path dataDir;
    private final Clock clock;

    private final ExperimentService experiments;
    private final SourceSyncer mlflowSyncer;
    private final OpenLineageImporter lineage;
    private PipelineService pipelines;

    public DemoWorkspaceOpener(RepositoryService repositories, Path dataDir, Clock clock) {
        this(repositories, dataDir, clock, null, null, null);
    }

    /**
     * Also writes, adds and syncs the demo's MLflow store, and imports its pipelines' OpenLineage
     * events when {@code lineage} is given (see {@link DemoService}).
     */
    public DemoWorkspaceOpener(RepositoryService repositories, Path dataDir, Clock clock, ExperimentService experiments,
                               SourceSyncer mlflowSyncer, OpenLineageImporter lineage) {
        this.repositories = repositories;
        this.dataDir = dataDir;
        this.clock = clock;
        this.experiments = experiments;
        this.mlflowSyncer = mlflowSyncer;
        this.lineage = lineage;
    }

    /** Also writes the demo's CI history into {@code service}. */
    public DemoWorkspaceOpener withPipelines(PipelineService service) {
        this.pipelines = service;
        return this;
    }

    @Override
    public void open(SyncContext progress) throws Exception {
        new DemoService(repositories, new DemoWorkspace(clock), experiments, mlflowSyncer, lineage, pipelines)
                .open(freeFolder(), progress);
    }

    /** {@code <data>/demo}, or {@code demo-2}, {@code demo-3}… when an earlier demo is there. */
    private Path freeFolder() {
        Path folder = dataDir.resolve("demo");
        for (int n = 2; Files.exists(folder); n++) {
            folder = dataDir.resolve("demo-" + n);
        }
        return folder;
    }
}
