package dev.braid.shell;

import dev.braid.experiments.ExperimentService;
import dev.braid.features.FeatureCatalogService;
import dev.braid.features.FeatureUsageService;
import dev.braid.lineage.LineageReader;
import dev.braid.repos.RepositoryService;
import dev.braid.store.SettingsStore;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncEngine;
import dev.braid.sync.SyncRunStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The services the window works with, handed over by whoever opened the cache. {@code experiments},
 * {@code lineage} and {@code features} (with {@code featureUsage}) may be null; their pages then stay placeholders.
 */
public record WorkbenchServices(Path dataDir, SettingsStore settings, SourceStore sources, SyncRunStore syncRuns,
                                SyncEngine syncEngine, RepositoryService repositories, Clock clock,
                                ExperimentService experiments, LineageReader lineage,
                                FeatureCatalogService features, FeatureUsageService featureUsage) {
    /** Without the feature catalogue, for callers that predate it. */
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
