package dev.braid.app;

import dev.braid.artifacts.ArtifactoryService;
import dev.braid.artifacts.ArtifactorySyncer;
import dev.braid.experiments.ArtifactService;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.MlflowConnector;
import dev.braid.experiments.MlflowSyncer;
import dev.braid.experiments.WandbSyncer;
import dev.braid.experiments.RunEditService;
import dev.braid.features.FeatureCatalogService;
import dev.braid.features.FeatureLineage;
import dev.braid.features.FeatureLinks;
import dev.braid.features.FeatureUsageService;
import dev.braid.features.git.FeatureRepoScanner;
import dev.braid.features.registry.FeastSyncer;
import dev.braid.security.VersionRef;
import dev.braid.security.bom.FeatureVersions;
import dev.braid.lineage.EventLimits;
import dev.braid.lineage.MlflowLineageStep;
import dev.braid.lineage.LineageCleanup;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.OpenLineageImporter;
import dev.braid.lineage.OpenLineageIngest;
import dev.braid.lineage.OpenLineageReceiver;
import dev.braid.lineage.OpenLineageValidator;
import dev.braid.lineage.dvc.DvcRepositoryLineage;
import dev.braid.pipelines.KubeflowDefinitionLineage;
import dev.braid.repos.AfterIndex;
import dev.braid.lineage.dvc.DvcRunInputs;
import dev.braid.pipelines.AirflowLineageRefresh;
import dev.braid.pipelines.PipelineLineage;
import dev.braid.pipelines.CiLinksAfterMlflowSync;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineSyncer;
import dev.braid.pipelines.RunSources;
import dev.braid.pipelines.ci.CiHttp;
import dev.braid.pipelines.ci.CiSources;
import dev.braid.pipelines.definitions.PipelineDefinitionService;
import dev.braid.pipelines.definitions.RepositoryCommits;
import dev.braid.pipelines.dvc.DvcDagReader;
import dev.braid.pipelines.dvc.DvcPipelineService;
import dev.braid.pipelines.dvc.DvcFollowsRepository;
import dev.braid.pipelines.dvc.RepositoryDvcPipeline;
import dev.braid.pipelines.orchestrators.OrchestratorSources;
import dev.braid.repos.CommitStore;
import dev.braid.repos.CredentialPrompt;
import dev.braid.repos.GitIndexer;
import dev.braid.repos.RepoSyncer;
import dev.braid.repos.RepositoryService;
import dev.braid.security.ScanCache;
import dev.braid.security.SecurityServices;
import dev.braid.store.CacheOpenException;
import dev.braid.store.Database;
import dev.braid.store.SettingsStore;
import dev.braid.sync.RetryPolicy;
import dev.braid.sync.Secrets;
import dev.braid.sync.Sleeper;
import dev.braid.sync.SourceCleanup;
import dev.braid.sync.SourceManager;
import dev.braid.sync.SourceStore;
import dev.braid.sync.AfterSync;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncEngine;
import dev.braid.sync.SyncRunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one place where Braid's parts are created and wired together, by hand, through their
 * constructors. The window and the command line each open one of these.
 *
 * <p>Opening makes only the cache connection; every service is made on first use and then
 * shared ({@link Lazy}), so a command pays only for the services it calls: {@code braid status}
 * never builds the HTTP client, JGit or the sync pool. A service that opens git repositories
 * with JGit calls {@code gitConfined.get()} first (in its maker, or through a hook it calls before
 * its first repository), so JGit is set up for Braid's data folder before it reads any settings.
 * To add a service:
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
    private final Lazy<Path> gitConfined;
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
    private final Lazy<RunSources> runSources;
    private final Lazy<FeatureCatalogService> features;
    private final Lazy<FeatureUsageService> featureUsage;
    private final Lazy<FeatureLinks> featureLinks;
    private final Lazy<PipelineService> pipelines;
    private final Lazy<ExecutorService> syncExecutor;
    private final Lazy<SyncEngine> syncEngine;
    private final Lazy<SourceManager> sourceManager;
    private final Lazy<PipelineDefinitionService> pipelineDefinitions;
    private final Lazy<DvcPipelineService> dvcPipelines;
    private final Lazy<ArtifactoryService> artifactory;
    /** Who Braid acts for, in the audit and governance logs: BRAID_USER, else the login name. */
    private final String actor;
    private final Lazy<SecurityServices> security;
    private final Secrets secrets;
    private final Map<String, String> env;

    private AppContext(DataDirectories dirs, Clock clock, Database database, CredentialPrompt prompt, Secrets secrets,
                       Map<String, String> env) {
        this.dirs = dirs;
        this.clock = clock;
        this.database = database;
        this.secrets = secrets;
        this.env = env;
        this.gitConfined = Lazy.of(() -> confineGit(dirs, database.isReadOnly()));
        this.settings = Lazy.of(() -> new SettingsStore(dirs.settingsFile()));
        this.sources = Lazy.of(() -> new SourceStore(database, clock));
        this.syncRuns = Lazy.of(() -> new SyncRunStore(database, secrets::mask));
        this.commits = Lazy.of(() -> new CommitStore(database));
        this.repositories = Lazy.of(() -> new RepositoryService(database, sources(), commits.get(), dirs.clonesDir(),
                System.getenv(), prompt, gitConfined::get));
        this.mlflow = Lazy.of(() -> MlflowConnector.standard(secrets));
        this.experiments = Lazy.of(() -> new ExperimentService(database, sources(), mlflow.get(), clock));
        this.actor = env.getOrDefault("BRAID_USER", System.getProperty("user.name", ""));
        this.runEdits = Lazy.of(() -> new RunEditService(database, sources(), mlflow.get(), clock, actor));
        this.artifacts = Lazy.of(() -> new ArtifactService(database, sources(), mlflow.get(), dirs.artifactsDir(),
                settings().load().artifactCapBytes()));
        this.mlflowSyncer = Lazy.of(() -> new MlflowSyncer(database, sources(), mlflow.get(), clock, runEdits()));
        this.lineage = Lazy.of(() -> new LineageService(database, clock));
        this.openLineageValidator = Lazy.of(() -> new OpenLineageValidator(EventLimits.STANDARD));
        this.openLineageIngest = Lazy.of(() -> new OpenLineageIngest(lineage(), new AirflowLineageRefresh(database, sources(),
                new PipelineLineage(database, lineage()))::afterImport));
        this.features = Lazy.of(() -> new FeatureCatalogService(database, sources()));
        this.featureUsage = Lazy.of(() -> new FeatureUsageService(database, features()));
        this.featureLinks = Lazy.of(() -> new FeatureLinks(database, lineage(), clock));
        this.syncExecutor = Lazy.of(() -> Executors.newFixedThreadPool(SYNC_THREADS, new NamedThreadFactory("braid-sync")));
        this.runSources = Lazy.of(() -> PipelineService.runSources(new CiSources(System.getenv(), clock),
                new OrchestratorSources(System.getenv(), clock), new dev.braid.pipelines.dvc.DvcRunSources(repositories())));
        this.pipelines = Lazy.of(() -> new PipelineService(database, sources(), runSources.get(), clock,
                settings().load().logCapBytes()));
        // Each syncer is made at its first sync (LazySyncer): a command syncs one kind of source.
        this.syncEngine = Lazy.of(() -> new SyncEngine(syncers(prompt), syncRuns(), syncExecutor.get(),
                RetryPolicy.standard(), Sleeper.REAL, clock, secrets::mask));
        this.pipelineDefinitions = Lazy.of(() -> new PipelineDefinitionService(new RepositoryCommits(repositories()),
                DvcDagReader.asList()));
        this.dvcPipelines = Lazy.of(() -> new DvcPipelineService(new RepositoryCommits(repositories())));
        this.artifactory = Lazy.of(() -> new ArtifactoryService(database, sources()));
        // Each kind's cleanups: what removing or renaming a source of that kind must also take
        // along. A new kind of source adds its own here (see SourceCleanup).
        this.sourceManager = Lazy.of(() -> new SourceManager(database, sources(), syncEngine(), sourceCleanups()));
        this.security = Lazy.of(() -> new SecurityServices(database, experiments(), artifacts(), runEdits(), lineage(),
                repositories(), dirs.dataDir().resolve("scan-cache"), ScanCache.DEFAULT_CAP, clock, actor,
                BraidVersion.current(), this::featuresOf));
        // Every secret a source names is masked from the start, also by commands that never use it.
        Logging.maskWith(secrets::mask);
        sources().list().forEach(source -> secrets.registerNamedIn(source.config(), System.getenv()));
        if (!database.isReadOnly()) {
            syncRuns().markInterrupted(clock.instant());
        }
    }

    private List<SourceSyncer> syncers(CredentialPrompt prompt) {
        List<SourceSyncer> syncers = new ArrayList<>(List.of(
                new LazySyncer(RepositoryService.KIND, () -> {
                    gitConfined.get();
                    SourceSyncer repoSyncer = AfterSync.then(new RepoSyncer(database, new GitIndexer(database, commits.get()), System.getenv(),
                            prompt, afterIndex(afterIndex(new DvcRepositoryLineage(lineage()),
                                    new FeatureRepoScanner(database, () -> featureLinks.get().rebuild())),
                                    new KubeflowDefinitionLineage(database, lineage(), this::rebuildKubeflowLineage))),
                            "joining Artifactory files", (source, context) -> rejoinArtifactory());
                    // DVC pipelines need no source of their own: they come with the repository (ADR 32).
                    return AfterSync.then(repoSyncer, "reading DVC pipeline runs", new RepositoryDvcPipeline(repositories(),
                            pipelines(), () -> pipelineSyncer(PipelineService.DVC_KIND), syncRuns(), clock));
                }),
                new LazySyncer(ExperimentService.KIND,
                        () -> AfterSync.then(AfterSync.then(
                                MlflowLineageStep.after(mlflowSyncer(), lineage(), new DvcRunInputs(lineage())),
                                "linking features to runs", (source, context) -> featureLinks.get().rebuild()),
                                "linking MLflow runs to CI jobs",
                                new CiLinksAfterMlflowSync(sources(), new PipelineLineage(database, lineage())))),
                new LazySyncer(ArtifactoryService.KIND, () -> AfterSync.then(new ArtifactorySyncer(database, sources(),
                        env, secrets, CiHttp.Options.standard(clock), ArtifactorySyncer.PAGE),
                        "updating lineage", (source, context) -> lineage().rebuildArtifactory(source))),
                new LazySyncer(FeastSyncer.KIND, () -> AfterSync.then(new FeastSyncer(database, sources(), clock, System.getenv()),
                        "linking features to runs", (source, context) -> featureLinks.get().rebuild())),
                new LazySyncer(ExperimentService.WANDB_KIND,
                        () -> AfterSync.then(new WandbSyncer(database, sources(), clock, secrets, env,
                                dev.braid.experiments.wandb.WandbGraphql.Options.standard()), "updating lineage",
                                (source, context) -> lineage().rebuildWandb(source)))));
        for (String kind : PipelineService.KINDS) {
            syncers.add(new LazySyncer(kind, () -> pipelineSyncer(kind)));
        }
        return syncers;
    }

    private SourceSyncer pipelineSyncer(String kind) {
        return AfterSync.then(new PipelineSyncer(kind, database, sources(), runSources.get(), clock),
                "updating lineage", (source, context) -> new PipelineLineage(database, lineage()).rebuild(source));
    }

    /** Each Kubeflow source's lineage again, after a repository's pipeline definitions changed (ADR 28). */
    private void rebuildKubeflowLineage() {
        PipelineLineage pipelineLineage = new PipelineLineage(database, lineage());
        sources().list().stream().filter(s -> s.kind().equals("kubeflow")).forEach(pipelineLineage::rebuild);
    }

    private List<SourceCleanup> sourceCleanups() {
        List<SourceCleanup> cleanups = new ArrayList<>(List.of(repositories().cleanup(),
                LineageCleanup.relabelled(RepositoryService.KIND, "dvc:"),
                LineageCleanup.relabelled(RepositoryService.KIND, DvcRunInputs.assertedBy("")),
                LineageCleanup.relabelled(RepositoryService.KIND, KubeflowDefinitionLineage.assertedBy("")),
                experiments().cleanup(dirs.artifactsDir()), LineageCleanup.mlflow(ExperimentService.KIND, lineage())));
        cleanups.add(LineageCleanup.derived(ArtifactoryService.KIND, LineageService.artifactoryAssertedBy(""),
                List.of("build"), lineage()::rebuildArtifactory));
        PipelineLineage pipelineLineage = new PipelineLineage(database, lineage());
        for (String kind : PipelineService.KINDS) {
            cleanups.addAll(pipelineLineage.cleanups(kind));
        }
        // A repository's DVC pipeline sources go with it (ADR 32).
        cleanups.add(new DvcFollowsRepository(sources(), cleanups.stream()
                .filter(c -> c.kind().equals(PipelineService.DVC_KIND)).toList()));
        return cleanups;
    }

    /**
     * Derives every Artifactory source's lineage again: a file another source just named (a DVC
     * output's md5) is then the same node whichever was synced first (ADR 25).
     */
    private void rejoinArtifactory() {
        for (dev.braid.sync.Source source : sources().listByKind(ArtifactoryService.KIND)) {
            lineage().rebuildArtifactory(source);
        }
    }

    /** JGit's process-wide set-up, made before the first repository is opened (JGit is slow to set up). */
    private static Path confineGit(DataDirectories dirs, boolean readOnly) {
        if (readOnly) {
            JGitConfinement.confineReadOnly(dirs.dataDir());
            return dirs.dataDir();
        }
        try {
            JGitConfinement.confineTo(dirs.dataDir());
            return dirs.dataDir();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare JGit's settings in " + dirs.dataDir(), e);
        }
    }

    /** The feature view versions a model version's run used, as its bill of materials lists them. */
    private List<FeatureVersions.FeatureUse> featuresOf(VersionRef version) {
        return featureUsage().usedByModelVersion(version.sourceName(), version.model(), version.version()).stream()
                .map(use -> new FeatureVersions.FeatureUse(FeatureLineage.version(use.project(), use.view(), use.version()).value(),
                        use.project(), use.view(), use.version(), List.of()))
                .toList();
    }

    /** Both, in order; the second runs even when the first fails (its failure is still reported). */
    private static AfterIndex afterIndex(AfterIndex first, AfterIndex second) {
        return (source, repository, location, tips, context) -> {
            // The first failure is the one reported: a second step failing after it (a full disk
            // fails both) must not hide why, so its failure rides along as suppressed.
            RuntimeException failure = null;
            try {
                first.indexed(source, repository, location, tips, context);
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                second.indexed(source, repository, location, tips, context);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        };
    }

    /** Opens the cache in {@code dirs} (creating the data folder if needed) and wires everything. */
    public static AppContext open(DataDirectories dirs, Clock clock) throws CacheOpenException, IOException {
        return open(dirs, clock, CredentialPrompt.NONE);
    }

    /** Like {@link #open(DataDirectories, Clock)}, asking {@code prompt} for credentials nothing else had. */
    public static AppContext open(DataDirectories dirs, Clock clock, CredentialPrompt prompt)
            throws CacheOpenException, IOException {
        return open(dirs, clock, prompt, new Secrets());
    }

    /** Like {@link #open(DataDirectories, Clock, CredentialPrompt)}, masking with the process's own {@code secrets}. */
    public static AppContext open(DataDirectories dirs, Clock clock, CredentialPrompt prompt, Secrets secrets)
            throws CacheOpenException, IOException {
        return open(dirs, clock, prompt, secrets, System.getenv());
    }

    /**
     * Like {@link #open(DataDirectories, Clock, CredentialPrompt, Secrets)} in the environment
     * {@code env} (BRAID_USER names who acts, in the audit and governance logs).
     */
    public static AppContext open(DataDirectories dirs, Clock clock, CredentialPrompt prompt, Secrets secrets,
                                  Map<String, String> env) throws CacheOpenException, IOException {
        dirs.createDataDir();
        ProcessConfinement.confineTo(dirs.dataDir());
        return new AppContext(dirs, clock, Database.open(dirs.cacheFile()), prompt, secrets, env);
    }

    /**
     * Points the SQLite driver at the data folder's own copy of its native library, as {@link #open}
     * does before it opens the cache: for work that reads the cache file before it is opened.
     */
    public static void confineProcess(DataDirectories dirs) throws IOException {
        ProcessConfinement.confineTo(dirs.dataDir());
    }

    /**
     * Opens the cache in {@code dirs} for reading only, writing nothing to the data folder: for
     * commands that only read, when the folder or the cache file cannot be written. Every write
     * then fails with {@link dev.braid.store.CacheProblem#READ_ONLY}.
     */
    public static AppContext openReadOnly(DataDirectories dirs, Clock clock, Secrets secrets) throws CacheOpenException {
        return openReadOnly(dirs, clock, secrets, System.getenv());
    }

    /** Like {@link #openReadOnly(DataDirectories, Clock, Secrets)} in the environment {@code env}. */
    public static AppContext openReadOnly(DataDirectories dirs, Clock clock, Secrets secrets, Map<String, String> env)
            throws CacheOpenException {
        ProcessConfinement.confineReadOnly(dirs.dataDir());
        return new AppContext(dirs, clock, Database.openReadOnly(dirs.cacheFile()), CredentialPrompt.NONE, secrets, env);
    }

    /** The secrets read so far, masked wherever text leaves Braid ({@link Secrets}). */
    public Secrets secrets() {
        return secrets;
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

    /** Pipeline runs from CI services: sources, cached runs, job logs and trends. */
    public PipelineService pipelines() {
        return pipelines.get();
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

    /** Scanning, the promotion gate, environments, BOMs and the audit trail; built on first use. */
    public SecurityServices security() {
        return security.get();
    }

    /** Scans of Artifactory sources' model files, downloaded with the sources' own credentials. */
    public dev.braid.security.ArtifactoryScans artifactoryScans() {
        return security().artifactory(artifactory(), new dev.braid.artifacts.ArtifactoryDownloads(env, secrets,
                CiHttp.Options.standard(clock)));
    }

    /** The feature catalogue: Feast registries, feature views, versions and diffs. */
    public FeatureCatalogService features() {
        return features.get();
    }

    /** Which runs and model versions used which feature versions. */
    public FeatureUsageService featureUsage() {
        return featureUsage.get();
    }

    /** Derives feature uses and feature lineage again (after syncs, and after the demo is built). */
    public FeatureLinks featureLinks() {
        return featureLinks.get();
    }

    /** Starts an OpenLineage receiver that stores into this cache (the window's receiver switch). */
    public OpenLineageReceiver startLineageReceiver(OpenLineageReceiver.Settings settings) throws IOException {
        secrets.register(settings.token());
        return OpenLineageReceiver.start(settings, openLineageValidator(), openLineageIngest());
    }

    /** Imports OpenLineage files and folders. */
    public OpenLineageImporter openLineageImporter() {
        return new OpenLineageImporter(openLineageValidator(), openLineageIngest());
    }

    /** Pipeline definitions (CI files, Kubeflow specs, dvc.yaml) of indexed repositories at any commit. */
    public PipelineDefinitionService pipelineDefinitions() {
        return pipelineDefinitions.get();
    }

    /** JFrog Artifactory sources: their files, checksums, properties and builds. */
    public ArtifactoryService artifactory() {
        return artifactory.get();
    }

    /** DVC pipelines of indexed repositories: stage states, params and metrics diffs, experiments. */
    public DvcPipelineService dvcPipelines() {
        return dvcPipelines.get();
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
