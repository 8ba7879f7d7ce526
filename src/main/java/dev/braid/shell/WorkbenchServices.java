package dev.braid.shell;

import dev.braid.experiments.ExperimentService;
import dev.braid.lineage.LineageReader;
import dev.braid.lineage.OpenLineageImporter;
import dev.braid.repos.RepositoryService;
import dev.braid.store.SettingsStore;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SourceManager;
import dev.braid.sync.SyncEngine;
import dev.braid.sync.SyncRunStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The services the window works with, handed over by whoever opened the cache. {@code experiments}
 * and {@code lineage} may be null; their pages then stay placeholders. {@code sourceManager} (rename,
 * pause, edit, remove sources) and {@code lineageImporter} (the Add-source dialog's OpenLineage
 * import) may be null for callers that predate them; those actions are then not offered.
 */
public record WorkbenchServices(Path dataDir, SettingsStore settings, SourceStore sources, SyncRunStore syncRuns,
                                SyncEngine syncEngine, RepositoryService repositories, Clock clock,
                                ExperimentService experiments, LineageReader lineage, SourceManager sourceManager,
                                OpenLineageImporter lineageImporter) {
    /** Without source management and the OpenLineage import, for callers that predate them. */
    public WorkbenchServices(Path dataDir, SettingsStore settings, SourceStore sources, SyncRunStore syncRuns,
                             SyncEngine syncEngine, RepositoryService repositories, Clock clock,
                             ExperimentService experiments, LineageReader lineage) {
        this(dataDir, settings, sources, syncRuns, syncEngine, repositories, clock, experiments, lineage, null, null);
    }

    /** Without the lineage graph, for callers that predate it. */
    public WorkbenchServices(Path dataDir, SettingsStore settings, SourceStore sources, SyncRunStore syncRuns,
                             SyncEngine syncEngine, RepositoryService repositories, Clock clock,
                             ExperimentService experiments) {
        this(dataDir, settings, sources, syncRuns, syncEngine, repositories, clock, experiments, null, null, null);
    }

    /** Without experiments, for callers that predate them. */
    public WorkbenchServices(Path dataDir, SettingsStore settings, SourceStore sources, SyncRunStore syncRuns,
                             SyncEngine syncEngine, RepositoryService repositories, Clock clock) {
        this(dataDir, settings, sources, syncRuns, syncEngine, repositories, clock, null, null, null, null);
    }
}
