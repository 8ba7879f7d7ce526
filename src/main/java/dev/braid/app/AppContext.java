package dev.braid.app;

import dev.braid.experiments.ArtifactService;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.MlflowConnector;
import dev.braid.experiments.MlflowSyncer;
import dev.braid.experiments.RunEditService;
import dev.braid.lineage.EventLimits;
import dev.braid.lineage.LineageAfterSync;
import dev.braid.lineage.LineageCleanup;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.OpenLineageImporter;
import dev.braid.lineage.OpenLineageIngest;
import dev.braid.lineage.OpenLineageReceiver;
import dev.braid.lineage.OpenLineageValidator;
import dev.braid.lineage.dvc.DvcRepositoryLineage;
import dev.braid.repos.CommitStore;
import dev.braid.repos.CredentialPrompt;
import dev.braid.repos.GitIndexer;
import dev.braid.repos.RepoSyncer;
import dev.braid.repos.RepositoryService;
import dev.braid.store.CacheOpenException;
import dev.braid.store.Database;
import dev.braid.store.SettingsStore;
import dev.braid.sync.RetryPolicy;
import dev.braid.sync.Sleeper;
import dev.braid.sync.SourceManager;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncEngine;
import dev.braid.sync.SyncRunStore;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one place where Braid's parts are created and wired together, by hand, through their
 * constructors. The window and the command line each open one of these.
 */
public final class AppContext implements AutoCloseable {
    /** How many sources sync at once. */
    static final int SYNC_THREADS = 3;

    private final DataDirectories dirs;
    private final Clock clock;
    private final Database database;
    private final SettingsStore settings;
    private final SourceStore sources;
    private final SyncRunStore syncRuns;
    private final RepositoryService repositories;
    private final ExperimentService experiments;
    private final RunEditService runEdits;
    private final ArtifactService artifacts;
    private final MlflowSyncer mlflowSyncer;
    private final LineageService lineage;
    private final OpenLineageValidator openLineageValidator;
    private final OpenLineageIngest openLineageIngest;
    private final ExecutorService syncExecutor;
    private final SyncEngine syncEngine;
    private final SourceManager sourceManager;

    private AppContext(DataDirectories dirs, Clock clock, Database database, CredentialPrompt prompt) {
        this.dirs = dirs;
        this.clock = clock;
        this.database = database;
        this.settings = new SettingsStore(dirs.settingsFile());
        this.sources = new SourceStore(database, clock);
        this.syncRuns = new SyncRunStore(database);
        CommitStore commits = new CommitStore(database);
        GitIndexer indexer = new GitIndexer(database, commits);
        this.repositories = new RepositoryService(database, sources, commits, dirs.clonesDir(), System.getenv(), prompt);
        MlflowConnector mlflow = MlflowConnector.standard();
        this.experiments = new ExperimentService(database, sources, mlflow, clock);
        this.runEdits = new RunEditService(database, sources, mlflow, clock);
        this.artifacts = new ArtifactService(database, sources, mlflow, dirs.artifactsDir(),
                settings.load().artifactCapBytes());
        this.mlflowSyncer = new MlflowSyncer(database, sources, mlflow, clock, runEdits);
        this.lineage = new LineageService(database, clock);
        this.openLineageValidator = new OpenLineageValidator(EventLimits.STANDARD);
        this.openLineageIngest = new OpenLineageIngest(lineage);
        this.syncExecutor = Executors.newFixedThreadPool(SYNC_THREADS, new NamedThreadFactory("braid-sync"));
        this.syncEngine = new SyncEngine(List.of(
                new RepoSyncer(database, indexer, System.getenv(), prompt, new DvcRepositoryLineage(lineage)),
                new LineageAfterSync(mlflowSyncer, lineage)), syncRuns, syncExecutor,
                RetryPolicy.standard(), Sleeper.REAL, clock);
        // Each kind's cleanups: what removing or renaming a source of that kind must also take
        // along. A new kind of source adds its own here (see SourceCleanup).
        this.sourceManager = new SourceManager(database, sources, syncEngine, List.of(
                repositories.cleanup(), LineageCleanup.relabelled(RepositoryService.KIND, "dvc:"),
                experiments.cleanup(dirs.artifactsDir()), LineageCleanup.mlflow(ExperimentService.KIND, lineage)));
        syncRuns.markInterrupted(clock.instant());
    }

    /** Opens the cache in {@code dirs} (creating the data folder if needed) and wires everything. */
    public static AppContext open(DataDirectories dirs, Clock clock) throws CacheOpenException, IOException {
        return open(dirs, clock, CredentialPrompt.NONE);
    }

    /** Like {@link #open(DataDirectories, Clock)}, asking {@code prompt} for credentials nothing else had. */
    public static AppContext open(DataDirectories dirs, Clock clock, CredentialPrompt prompt)
            throws CacheOpenException, IOException {
        dirs.createDataDir();
        ProcessConfinement.confineTo(dirs.dataDir());
        return new AppContext(dirs, clock, Database.open(dirs.cacheFile()), prompt);
    }

    public DataDirectories dirs() {
        return dirs;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    public SettingsStore settings() {
        return settings;
    }

    public SourceStore sources() {
        return sources;
    }

    public SyncRunStore syncRuns() {
        return syncRuns;
    }

    public SyncEngine syncEngine() {
        return syncEngine;
    }

    /** Rename, pause, resume, edit and remove sources, with each kind's cleanups. */
    public SourceManager sourceManager() {
        return sourceManager;
    }

    public RepositoryService repositories() {
        return repositories;
    }

    public ExperimentService experiments() {
        return experiments;
    }

    public RunEditService runEdits() {
        return runEdits;
    }

    /** Run artifacts: listings and downloads into {@link DataDirectories#artifactsDir()}. */
    public ArtifactService artifacts() {
        return artifacts;
    }

    /** The MLflow syncer the sync engine uses, for callers that sync a source they just made (the demo). */
    public MlflowSyncer mlflowSyncer() {
        return mlflowSyncer;
    }

    /** The lineage graph: questions, labels, and the writes every source of lineage goes through. */
    public LineageService lineage() {
        return lineage;
    }

    /** Validates OpenLineage events (for the importer and the receiver). */
    public OpenLineageValidator openLineageValidator() {
        return openLineageValidator;
    }

    /** Stores validated OpenLineage events. */
    public OpenLineageIngest openLineageIngest() {
        return openLineageIngest;
    }

    /** Starts an OpenLineage receiver that stores into this cache (the window's receiver switch). */
    public OpenLineageReceiver startLineageReceiver(OpenLineageReceiver.Settings settings) throws IOException {
        return OpenLineageReceiver.start(settings, openLineageValidator, openLineageIngest);
    }

    /** Imports OpenLineage files and folders. */
    public OpenLineageImporter openLineageImporter() {
        return new OpenLineageImporter(openLineageValidator, openLineageIngest);
    }

    @Override
    public void close() {
        syncEngine.running().forEach(job -> job.cancel());
        syncExecutor.shutdown();
        try {
            if (!syncExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                syncExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
    }
}
