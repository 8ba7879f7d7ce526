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
 *
 * <p>Opening makes only the cache connection; every service is made on first use and then
 * shared ({@link Lazy}), so a command pays only for the services it calls: {@code braid status}
 * never builds the HTTP client, JGit or the sync pool. To add a service:
 * <ol>
 *   <li>a field {@code private final Lazy<FooService> foo;}</li>
 *   <li>in the constructor, {@code this.foo = Lazy.of(() -> new FooService(database, sources(), clock));}
 *       asking for other services through their accessors (never through the fields), so each
 *       is made when, and only when, something needs it;</li>
 *   <li>an accessor {@code public FooService foo() { return foo.get(); }};</li>
 *   <li>if it holds threads, sockets or files, release it in {@link #close()} only when
 *       {@code foo.isMade()}.</li>
 * </ol>
 * Work that must happen on every open (it is rare: it slows every command) goes at the end of
 * the constructor.
 */
public final class AppContext implements AutoCloseable {
    /** How many sources sync at once. */
    static final int SYNC_THREADS = 3;

    private final DataDirectories dirs;
    private final Clock clock;
    private final Database database;
    private final Lazy<SettingsStore> settings;
    private final Lazy<SourceStore> sources;
    private final Lazy<SyncRunStore> syncRuns;
    private final Lazy<CommitStore> commits;
    private final Lazy<RepositoryService> repositories;
    private final Lazy<MlflowConnector> mlflow;
    private final Lazy<ExperimentService> experiments;
    private final Lazy<RunEditService> runEdits;
    private final Lazy<ArtifactService> artifacts;
    private final Lazy<MlflowSyncer> mlflowSyncer;
    private final Lazy<LineageService> lineage;
    private final Lazy<OpenLineageValidator> openLineageValidator;
    private final Lazy<OpenLineageIngest> openLineageIngest;
    private final Lazy<ExecutorService> syncExecutor;
    private final Lazy<SyncEngine> syncEngine;
    private final Lazy<SourceManager> sourceManager;

    private AppContext(DataDirectories dirs, Clock clock, Database database, CredentialPrompt prompt) {
        this.dirs = dirs;
        this.clock = clock;
        this.database = database;
        this.settings = Lazy.of(() -> new SettingsStore(dirs.settingsFile()));
        this.sources = Lazy.of(() -> new SourceStore(database, clock));
        this.syncRuns = Lazy.of(() -> new SyncRunStore(database));
        this.commits = Lazy.of(() -> new CommitStore(database));
        this.repositories = Lazy.of(() -> new RepositoryService(database, sources(), commits.get(), dirs.clonesDir(),
                System.getenv(), prompt));
        this.mlflow = Lazy.of(MlflowConnector::standard);
        this.experiments = Lazy.of(() -> new ExperimentService(database, sources(), mlflow.get(), clock));
        this.runEdits = Lazy.of(() -> new RunEditService(database, sources(), mlflow.get(), clock));
        this.artifacts = Lazy.of(() -> new ArtifactService(database, sources(), mlflow.get(), dirs.artifactsDir(),
                settings().load().artifactCapBytes()));
        this.mlflowSyncer = Lazy.of(() -> new MlflowSyncer(database, sources(), mlflow.get(), clock, runEdits()));
        this.lineage = Lazy.of(() -> new LineageService(database, clock));
        this.openLineageValidator = Lazy.of(() -> new OpenLineageValidator(EventLimits.STANDARD));
        this.openLineageIngest = Lazy.of(() -> new OpenLineageIngest(lineage()));
        this.syncExecutor = Lazy.of(() -> Executors.newFixedThreadPool(SYNC_THREADS, new NamedThreadFactory("braid-sync")));
        this.syncEngine = Lazy.of(() -> new SyncEngine(List.of(
                new RepoSyncer(database, new GitIndexer(database, commits.get()), System.getenv(), prompt,
                        new DvcRepositoryLineage(lineage())),
                new LineageAfterSync(mlflowSyncer(), lineage())), syncRuns(), syncExecutor.get(),
                RetryPolicy.standard(), Sleeper.REAL, clock));
        // Each kind's cleanups: what removing or renaming a source of that kind must also take
        // along. A new kind of source adds its own here (see SourceCleanup).
        this.sourceManager = Lazy.of(() -> new SourceManager(database, sources(), syncEngine(), List.of(
                repositories().cleanup(), LineageCleanup.relabelled(RepositoryService.KIND, "dvc:"),
                experiments().cleanup(dirs.artifactsDir()), LineageCleanup.mlflow(ExperimentService.KIND, lineage()))));
        syncRuns().markInterrupted(clock.instant());
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
        return settings.get();
    }

    public SourceStore sources() {
        return sources.get();
    }

    public SyncRunStore syncRuns() {
        return syncRuns.get();
    }

    public SyncEngine syncEngine() {
        return syncEngine.get();
    }

    /** Rename, pause, resume, edit and remove sources, with each kind's cleanups. */
    public SourceManager sourceManager() {
        return sourceManager.get();
    }

    public RepositoryService repositories() {
        return repositories.get();
    }

    public ExperimentService experiments() {
        return experiments.get();
    }

    public RunEditService runEdits() {
        return runEdits.get();
    }

    /** Run artifacts: listings and downloads into {@link DataDirectories#artifactsDir()}. */
    public ArtifactService artifacts() {
        return artifacts.get();
    }

    /** The MLflow syncer the sync engine uses, for callers that sync a source they just made (the demo). */
    public MlflowSyncer mlflowSyncer() {
        return mlflowSyncer.get();
    }

    /** The lineage graph: questions, labels, and the writes every source of lineage goes through. */
    public LineageService lineage() {
        return lineage.get();
    }

    /** Validates OpenLineage events (for the importer and the receiver). */
    public OpenLineageValidator openLineageValidator() {
        return openLineageValidator.get();
    }

    /** Stores validated OpenLineage events. */
    public OpenLineageIngest openLineageIngest() {
        return openLineageIngest.get();
    }

    /** Starts an OpenLineage receiver that stores into this cache (the window's receiver switch). */
    public OpenLineageReceiver startLineageReceiver(OpenLineageReceiver.Settings settings) throws IOException {
        return OpenLineageReceiver.start(settings, openLineageValidator(), openLineageIngest());
    }

    /** Imports OpenLineage files and folders. */
    public OpenLineageImporter openLineageImporter() {
        return new OpenLineageImporter(openLineageValidator(), openLineageIngest());
    }

    @Override
    public void close() {
        if (syncEngine.isMade()) {
            syncEngine.get().running().forEach(job -> job.cancel());
        }
        if (syncExecutor.isMade()) {
            ExecutorService executor = syncExecutor.get();
            executor.shutdown();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        database.close();
    }
}
