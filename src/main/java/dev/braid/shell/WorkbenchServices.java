package dev.braid.shell;

import dev.braid.experiments.ExperimentService;
import dev.braid.features.FeatureCatalogService;
import dev.braid.features.FeatureUsageService;
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
 * The services the window works with, handed over by whoever opened the cache. {@code experiments},
 * {@code lineage} and {@code features} (with {@code featureUsage}) may be null; their pages then stay
 * placeholders. {@code sourceManager} (rename, pause, edit, remove sources) and {@code lineageImporter}
 * (the Add-source dialog's OpenLineage import) may be null for callers that predate them; those
 * actions are then not offered.
 */
public record WorkbenchServices(Path dataDir, SettingsStore settings, SourceStore sources, SyncRunStore syncRuns,
                                SyncEngine syncEngine, RepositoryService repositories, Clock clock,
                                ExperimentService experiments, LineageReader lineage, SourceManager sourceManager,
                                OpenLineageImporter lineageImporter, FeatureCatalogService features,
                                FeatureUsageService featureUsage) {
    /** Without the feature catalogue, for callers that predate it. */
    public WorkbenchServices(Path dataDir, SettingsStore settings, SourceStore sources, SyncRunStore syncRuns,
                             SyncEngine syncEngine, RepositoryService repositories, Clock clock,
                             ExperimentService experiments, LineageReader lineage, SourceManager sourceManager,
                             OpenLineageImporter lineageImporter) {
        this(dataDir, settings, sources, syncRuns, syncEngine, repositories, clock, experiments, lineage, sourceManager,
                lineageImporter, null, null);
    }

    /** The same services with the feature catalogue and its usage. */
    public WorkbenchServices withFeatures(FeatureCatalogService catalogue, FeatureUsageService usage) {
        return new WorkbenchServices(dataDir, settings, sources, syncRuns, syncEngine, repositories, clock, experiments,
                lineage, sourceManager, lineageImporter, catalogue, usage);
    }

    /** Without source management and the OpenLineage import, for callers that predate them. */
    public WorkbenchServices(Path dataDir, SettingsStore settings, SourceStore sources, SyncRunStore syncRuns,
                             SyncEngine syncEngine, RepositoryService repositories, Clock clock,
                             ExperimentService experiments, LineageReader lineage) {
        this(dataDir, settings, sources, syncRuns, syncEngine, repositories, clock, experiments, lineage, null, null, null, null);
    }

    /** Without the lineage graph, for callers that predate it. */
    public WorkbenchServices(Path dataDir, SettingsStore settings, SourceStore sources, SyncRunStore syncRuns,
                             SyncEngine syncEngine, RepositoryService repositories, Clock clock,
                             ExperimentService experiments) {
        this(dataDir, settings, sources, syncRuns, syncEngine, repositories, clock, experiments, null, null, null, null, null);
    }

    /** Without experiments, for callers that predate them. */
    public WorkbenchServices(Path dataDir, SettingsStore settings, SourceStore sources, SyncRunStore syncRuns,
                             SyncEngine syncEngine, RepositoryService repositories, Clock clock) {
        this(dataDir, settings, sources, syncRuns, syncEngine, repositories, clock, null, null, null, null, null, null);
    }
}
