package dev.braid.shell;

import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.ui.ExperimentSearch;
import dev.braid.experiments.ui.ExperimentsView;
import dev.braid.experiments.ui.ExperimentsViewModel;
import dev.braid.experiments.ui.MlflowSourceForms;
import dev.braid.experiments.ui.SelectedVersion;
import dev.braid.experiments.ui.RunFeatures;
import dev.braid.features.FeatureLineage;
import dev.braid.features.ui.FeatureLinksOut;
import dev.braid.features.ui.FeaturesView;
import dev.braid.features.ui.FeaturesViewModel;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.OpenLineageReceiver;
import dev.braid.lineage.ui.ExportFiles;
import dev.braid.lineage.ui.LineageExplorerView;
import dev.braid.lineage.ui.LineageExplorerViewModel;
import dev.braid.lineage.ui.LineageLinks;
import dev.braid.lineage.ui.LineageReceiverViewModel;
import dev.braid.lineage.ui.LineageSearch;
import dev.braid.lineage.ui.OpenLineageSourceForms;
import dev.braid.lineage.ui.ReceiverStarter;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.ui.PipelineRunSearch;
import dev.braid.pipelines.ui.PipelineSourceForms;
import dev.braid.pipelines.ui.PipelinesView;
import dev.braid.pipelines.ui.PipelinesViewModel;
import dev.braid.repos.RepositoryService;
import dev.braid.repos.ui.GitSourceForms;
import dev.braid.repos.ui.RepositoriesView;
import dev.braid.repos.ui.RepositorySearch;
import dev.braid.repos.ui.RepositoriesViewModel;
import dev.braid.shell.sources.AddSourceDialog;
import dev.braid.shell.sources.AddSourceViewModel;
import dev.braid.shell.sources.SourcesView;
import dev.braid.shell.sources.SourcesViewModel;
import dev.braid.security.SecurityServices;
import dev.braid.security.ui.AuditView;
import dev.braid.security.ui.AuditViewModel;
import dev.braid.security.ui.VersionGovernanceView;
import dev.braid.security.ui.VersionGovernanceViewModel;
import dev.braid.store.Settings;
import dev.braid.sync.Source;
import dev.braid.ui.TaskRunner;
import dev.braid.ui.sources.SourceForms;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * Builds the window's contents from the services: every view model and view, the periodic sync
 * and the settings keeper. Kept apart from the JavaFX application so tests can build the same
 * window on a cache of their own.
 */
public final class Workbench {
    private final WorkbenchServices services;
    private final SettingsKeeper settings;
    private final PeriodicSync periodicSync;
    private final SyncStatusViewModel sync;
    private final ShellViewModel shell;
    private final RepositoriesViewModel repositories;
    private final ExperimentsViewModel experiments;
    private final SettingsViewModel settingsModel;
    private final SyncLogViewModel syncLog;
    private final WelcomeViewModel welcome;
    private final LineageExplorerViewModel lineage;
    private final FeaturesViewModel features;
    private final ShellView view;
    private final TaskRunner runner;
    private final ScheduledExecutorService scheduler;
    private final SourceForms sourceForms = new SourceForms();
    private final AddSourceViewModel addSource;
    /** Where a newly added source is shown, by kind; the Sources page for kinds not listed. */
    private final Map<String, Consumer<Source>> sourceOpeners = new HashMap<>();
    private LineageReceiverViewModel lineageReceiver;
    private SecurityServices security;
    private AuditViewModel audit;
    private PipelinesViewModel pipelines;
    private final SearchViewModel search;

    /** {@code demo} may be null when no demo workspace is available. */
    public Workbench(WorkbenchServices services, TaskRunner runner, ScheduledExecutorService scheduler, DemoOpener demo) {
        this.services = services;
        this.runner = runner;
        this.scheduler = scheduler;
        this.settings = new SettingsKeeper(services.settings(), scheduler, Duration.ofMillis(500));
        this.sync = new SyncStatusViewModel(services.sources(), services.syncRuns(), services.syncEngine(), runner);
        this.periodicSync = new PeriodicSync(scheduler, () -> runner.onUiThread(sync::syncNow));
        this.shell = new ShellViewModel(services.sources(), settings, runner);
        this.repositories = new RepositoriesViewModel(services.repositories(), runner);
        shell.setRepositoryOpener(repositories::open);
        repositories.setSourceAdder(() -> showAddSource(GitSourceForms.GROUP.id()));
        sync.finishedRunsProperty().addListener((obs, old, now) -> repositories.refresh());
        this.experiments = services.experiments() == null ? null
                : new ExperimentsViewModel(services.experiments(),
                        new RepositoryCommitLinks(services.repositories(), shell::openRepository), runner,
                        services.clock().getZone());
        if (experiments != null) {
            sync.finishedRunsProperty().addListener((obs, old, now) -> experiments.refresh());
            experiments.setSourceAdder(() -> showAddSource(MlflowSourceForms.GROUP.id()));
            experiments.setColumnMemory(new dev.braid.experiments.ui.ColumnMemory() {
                @Override
                public java.util.Optional<String> load(String scope) {
                    return java.util.Optional.ofNullable(settings.current().tableColumns().get(scope));
                }

                @Override
                public void save(String scope, String columns) {
                    settings.update(s -> s.withTableColumns(scope, columns));
                }
            });
        }
        registerSourceForms();
        this.addSource = new AddSourceViewModel(sourceForms, sync, services.sourceManager(), runner);
        this.search = new SearchViewModel(runner);
        this.settingsModel = new SettingsViewModel(services.dataDir().toString(), settings, periodicSync);
        this.syncLog = new SyncLogViewModel(services.syncRuns(), sync, runner);
        this.welcome = new WelcomeViewModel(sourceForms, sync, shell, demo, runner, this::showAddSource);
        sync.sourcesChangedProperty().addListener((obs, old, now) -> {
            repositories.refresh();
            if (experiments != null) {
                experiments.refresh();
            }
        });
        this.lineage = services.lineage() == null ? null
                : new LineageExplorerViewModel(services.lineage(), lineageLinks(), runner);
        if (lineage != null) {
            // A sync derives MLflow and DVC lineage: the start list and the shown neighbourhood may have changed.
            sync.finishedRunsProperty().addListener((obs, old, now) -> lineage.refresh());
            repositories.detail().setLineageOpener(hash -> {
                shell.show(Page.LINEAGE);
                lineage.focusOn(NodeKind.COMMIT, hash);
            });
        }
        if (lineage != null && experiments != null) {
            experiments.setLineageOpener(runId -> {
                shell.show(Page.LINEAGE);
                lineage.focusOn(NodeKind.EXPERIMENT_RUN, runId);
            });
            experiments.registry().setLineageOpener((source, model, version) -> {
                shell.show(Page.LINEAGE);
                lineage.focusOn(LineageIds.modelVersion(source, model, version));
            });
        }
        this.features = services.features() == null ? null
                : new FeaturesViewModel(services.features(), services.featureUsage(), runner, services.clock().getZone());
        if (features != null) {
            features.setLinks(featureLinks());
            sync.finishedRunsProperty().addListener((obs, old, now) -> features.refresh());
            if (experiments != null) {
                RunFeatures used = runFeatures();
                experiments.setFeatures(used);
                experiments.registry().setFeatures(used);
            }
        }
        if (lineage != null) {
            sync.sourcesChangedProperty().addListener((obs, old, now) -> lineage.refresh());
        }
        registerSearch(search);
        sourceOpeners.put(RepositoryService.KIND, source -> shell.openRepository(source.id(), null));
        sourceOpeners.put(ExperimentService.KIND, source -> shell.show(experiments == null ? Page.SOURCES : Page.EXPERIMENTS));
        sourceOpeners.put(ExperimentService.WANDB_KIND, source -> shell.show(experiments == null ? Page.SOURCES : Page.EXPERIMENTS));
        sourceOpeners.put(dev.braid.features.registry.FeastSyncer.KIND,
                source -> shell.show(features == null ? Page.SOURCES : Page.FEATURES));
        this.view = new ShellView(shell, sync, search, () -> showAddSource(null), this::buildPage, services.clock());
    }

    /**
     * The kinds of source the Add-source dialog and the welcome page offer. A feature adds its
     * own here: its group once, then each form (see {@link dev.braid.ui.sources.SourceForm}).
     */
    private void registerSourceForms() {
        sourceForms.register(GitSourceForms.GROUP)
                .register(GitSourceForms.folder(services.repositories()))
                .register(GitSourceForms.clone(services.repositories()));
        if (services.experiments() != null) {
            sourceForms.register(MlflowSourceForms.GROUP)
                    .register(MlflowSourceForms.server(services.experiments()))
                    .register(MlflowSourceForms.database(services.experiments()))
                    .register(MlflowSourceForms.mlruns(services.experiments()));
            sourceForms.register(dev.braid.experiments.ui.WandbSourceForms.GROUP)
                    .register(dev.braid.experiments.ui.WandbSourceForms.folder(services.experiments()))
                    .register(dev.braid.experiments.ui.WandbSourceForms.server(services.experiments()));
        }
        if (services.features() != null) {
            sourceForms.register(dev.braid.features.ui.FeastSourceForms.GROUP);
            dev.braid.features.ui.FeastSourceForms.all(services.features()).forEach(sourceForms::register);
        }
        if (services.lineageImporter() != null) {
            sourceForms.register(OpenLineageSourceForms.GROUP)
                    .register(OpenLineageSourceForms.importFile(services.lineageImporter()));
        }
    }

    /**
     * What the window-wide search (Ctrl+K) finds, in the order its groups are listed. A feature adds
     * its own here (see {@link dev.braid.ui.search.SearchProvider}).
     */
    private void registerSearch(SearchViewModel search) {
        search.register(RepositorySearch.repositories(services.repositories(), shell::openRepository))
                .register(RepositorySearch.commits(services.repositories(), shell::openRepository));
        if (experiments != null) {
            Consumer<Runnable> inExperiments = action -> {
                shell.show(Page.EXPERIMENTS);
                action.run();
            };
            search.register(ExperimentSearch.experiments(services.experiments(), inExperiments, experiments))
                    .register(ExperimentSearch.runs(services.experiments(), inExperiments, experiments))
                    .register(ExperimentSearch.models(services.experiments(), inExperiments, experiments));
        }
        if (lineage != null) {
            Consumer<dev.braid.lineage.NodeId> focus = id -> {
                shell.show(Page.LINEAGE);
                lineage.focus(id);
            };
            search.register(LineageSearch.datasets(services.lineage(), focus))
                    .register(LineageSearch.jobs(services.lineage(), focus));
        }
        if (features != null) {
            search.register(new dev.braid.features.ui.FeatureViewSearch(services.features(), view -> {
                shell.show(Page.FEATURES);
                features.open(view);
            }));
        }
        search.register(new SourceSearch(services.sources(),
                source -> sourceOpeners.getOrDefault(source.kind(), s -> shell.show(Page.SOURCES)).accept(source)));
    }

    /** Every kind of source the window offers; register more before the window is shown. */
    public SourceForms sourceForms() {
        return sourceForms;
    }

    /** The Add-source dialog's model (one per window). */
    public AddSourceViewModel addSource() {
        return addSource;
    }

    /** Opens the Add-source dialog on the first kind of {@code group}, or on the last kind chosen when null. */
    public void showAddSource(String group) {
        addSource.reset(group);
        javafx.stage.Window owner = view.root().getScene() == null ? null : view.root().getScene().getWindow();
        new AddSourceDialog(addSource, owner, this::added).show();
    }

    /** A source was added from the window: every screen hears of it, and the one that shows it opens. */
    private void added(Source source) {
        sync.sourcesChanged();
        sourceOpeners.getOrDefault(source.kind(), s -> shell.show(Page.SOURCES)).accept(source);
    }

    public Parent root() {
        return view.root();
    }

    public SettingsKeeper settings() {
        return settings;
    }

    public SettingsViewModel settingsModel() {
        return settingsModel;
    }

    public ShellViewModel shell() {
        return shell;
    }

    public SyncStatusViewModel sync() {
        return sync;
    }

    public RepositoriesViewModel repositories() {
        return repositories;
    }

    /** Null when the window was built without the experiments service. */
    public ExperimentsViewModel experiments() {
        return experiments;
    }

    /** Null when the window was built without the lineage graph. */
    public LineageExplorerViewModel lineage() {
        return lineage;
    }

    /** Null when the window was built without the feature catalogue. */
    public FeaturesViewModel features() {
        return features;
    }

    /** Shows feature view {@code qualifiedName} ({@code project/name}) on the Features page. */
    public void openFeatureView(String qualifiedName) {
        if (features != null) {
            shell.show(Page.FEATURES);
            features.open(qualifiedName);
        }
    }

    /**
     * Gives the Lineage explorer a switch for the OpenLineage receiver ({@code starter} stores into
     * this window's cache), listening where the settings say (127.0.0.1:5050 by default); new events
     * refresh the explorer. Call before the Lineage page is first shown.
     */
    public void setLineageReceiver(ReceiverStarter starter, Map<String, String> env) {
        if (lineage == null) {
            return;
        }
        lineageReceiver = new LineageReceiverViewModel(starter, () -> receiverSettings(settings.current().receiver(), env),
                runner, scheduler, Duration.ofSeconds(1));
        lineageReceiver.storedProperty().addListener((obs, old, now) -> lineage.refresh());
    }

    /** The receiver's address from the settings, with the token read from the variable they name. */
    static OpenLineageReceiver.Settings receiverSettings(Settings.Receiver chosen, Map<String, String> env) {
        return OpenLineageReceiver.Settings.withTokenFrom(chosen.host(), chosen.port(), chosen.tokenEnv(), env);
    }

    /** Offers JFrog Artifactory in the Add-source dialog; its files and builds show in the lineage view. */
    public void setArtifactory(dev.braid.artifacts.ArtifactoryService service) {
        sourceForms.register(dev.braid.artifacts.ui.ArtifactorySourceForms.GROUP)
                .register(dev.braid.artifacts.ui.ArtifactorySourceForms.artifactory(service));
        sourceOpeners.put(dev.braid.artifacts.ArtifactoryService.KIND, source -> shell.show(Page.LINEAGE));
    }

    /**
     * Gives the window its Pipelines screen over {@code service}; runs link to their commits in the
     * Repositories view, and every finished sync refreshes it. Call before the page is first shown.
     */
    public void setPipelines(PipelineService service) {
        pipelines = new PipelinesViewModel(service, runner, services.clock());
        pipelines.setCommitLinks(new RepositoryCommitLinks(services.repositories(), shell::openRepository));
        PipelinesViewModel shown = pipelines;
        repositories.detail().setRunsOfCommit(hash -> service.runsOfCommit(hash).stream()
                .map(run -> new dev.braid.repos.ui.CommitDetailViewModel.LinkedRun(run.source() + " " + run.label(),
                        run.status().word(), () -> {
                            shell.show(Page.PIPELINES);
                            shown.openRun(run.source(), run.id());
                        })).toList());
        sync.finishedRunsProperty().addListener((obs, old, now) -> pipelines.refresh());
        sourceForms.register(PipelineSourceForms.GROUP);
        PipelineSourceForms.all(service).forEach(sourceForms::register);
        search.register(new PipelineRunSearch(service, services.lineage(), (source, runId) -> {
            shell.show(Page.PIPELINES);
            shown.openRun(source, runId);
        }));
        for (String kind : PipelineService.KINDS) {
            sourceOpeners.put(kind, source -> shell.show(Page.PIPELINES));
        }
        RepositoryCommitLinks commitsOfRepos = new RepositoryCommitLinks(services.repositories(), shell::openRepository);
        pipelines.definition().setDefinitions(new dev.braid.pipelines.RunDefinitions(
                new dev.braid.pipelines.definitions.PipelineDefinitionService(
                        new dev.braid.pipelines.definitions.RepositoryCommits(services.repositories()), java.util.List.of()),
                commitsOfRepos::repositoryFor));
        if (experiments != null) {
            experiments.setCiLinks(new PipelineCiLinks(service, job -> {
                shell.show(Page.PIPELINES);
                shown.openJob(job.source(), job.runId(), job.jobId());
            }));
        }
    }

    /** Null until {@link #setPipelines} gave the window its Pipelines screen. */
    public PipelinesViewModel pipelines() {
        return pipelines;
    }

    /** Null until {@link #setLineageReceiver} gave the explorer a receiver. */
    public LineageReceiverViewModel lineageReceiver() {
        return lineageReceiver;
    }

    /**
     * Adds governance to the window: scan verdicts on run artifacts and lineage nodes, the
     * governance panel under the model versions, and the Audit page. Call before those pages are
     * first shown.
     */
    public void setGovernance(SecurityServices services) {
        this.security = services;
        this.audit = new AuditViewModel(services.audit(), runner, this.services.clock().getZone());
        if (experiments != null) {
            experiments.setArtifactScans(services.artifactVerdicts());
        }
        if (lineage != null) {
            lineage.setNodeFacts(services.lineageVerdicts());
        }
    }

    /** Null until {@link #setGovernance} was called. */
    public AuditViewModel audit() {
        return audit;
    }

    /** Reads the first state and starts the periodic sync. */
    public void start() {
        sync.refresh();
        shell.start();
        periodicSync.schedule(settings.current().syncIntervalMinutes());
    }

    /** Stops the periodic sync and the lineage receiver, and writes pending settings. */
    public void close() {
        periodicSync.stop();
        if (lineageReceiver != null) {
            lineageReceiver.close();
        }
        settings.flush();
    }

    private Node buildPage(Page page) {
        return switch (page) {
            case WELCOME -> new WelcomeView(welcome).node();
            case REPOSITORIES -> new RepositoriesView(repositories, services.clock(),
                    id -> settings.current().tableColumns().get(id),
                    (id, layout) -> settings.update(s -> s.withTableColumns(id, layout))).node();
            case SYNC_LOG -> new SyncLogView(syncLog, services.clock().getZone(),
                    settings.current().tableColumns().get(SyncLogView.TABLE_ID),
                    layout -> settings.update(s -> s.withTableColumns(SyncLogView.TABLE_ID, layout))).node();
            case SETTINGS -> new SettingsView(settingsModel).node();
            case SOURCES -> new SourcesView(new SourcesViewModel(sync, services.sourceManager(), sourceForms, runner),
                    services.clock(), () -> showAddSource(null)).node();
            case EXPERIMENTS -> experiments == null ? new PlaceholderView(new PlaceholderViewModel(page)).node()
                    : new ExperimentsView(experiments, security == null ? null : selected -> governancePanel(selected)).node();
            case AUDIT -> audit == null ? new PlaceholderView(new PlaceholderViewModel(page)).node()
                    : new AuditView(audit).node();
            case LINEAGE -> lineage == null ? new PlaceholderView(new PlaceholderViewModel(page)).node()
                    : new LineageExplorerView(lineage, lineageReceiver, ExportFiles.DIALOG).node();
            case FEATURES -> features == null ? new PlaceholderView(new PlaceholderViewModel(page)).node()
                    : new FeaturesView(features).node();
            case PIPELINES -> pipelines == null ? new PlaceholderView(new PlaceholderViewModel(page)).node()
                    : new PipelinesView(pipelines, services.clock().getZone()).node();
        };
    }

    /** The feature versions runs used, for run details and model versions in Experiments. */
    private RunFeatures runFeatures() {
        return new RunFeatures() {
            @Override
            public java.util.List<UsedFeature> ofRun(long sourceId, String runId) {
                return services.featureUsage().usedByRun(sourceId, runId).stream().map(u -> new UsedFeature(u.project(),
                        u.view(), u.version(), u.currentVersion(), u.stale(), u.via())).toList();
            }

            @Override
            public void open(UsedFeature feature) {
                openFeatureView(feature.project() + "/" + feature.view());
            }
        };
    }

    /** Where the feature pages' links lead: runs and model versions in Experiments, versions in Lineage. */
    private FeatureLinksOut featureLinks() {
        return new FeatureLinksOut() {
            @Override
            public void openRun(String mlflowSource, String runId) {
                if (experiments != null) {
                    shell.show(Page.EXPERIMENTS);
                    experiments.selectExperiments(java.util.List.of());
                    experiments.applyFilter("attributes.run_id = '" + runId.replace("'", "") + "'");
                }
            }

            @Override
            public void openModelVersion(String mlflowSource, String model, String version) {
                if (lineage != null) {
                    shell.show(Page.LINEAGE);
                    lineage.focusOn(LineageIds.modelVersion(mlflowSource, model, version));
                }
            }

            @Override
            public void openLineage(String project, String view, String version) {
                if (lineage != null) {
                    shell.show(Page.LINEAGE);
                    lineage.focusOn(FeatureLineage.version(project, view, version));
                }
            }

            @Override
            public boolean hasLineage() {
                return lineage != null;
            }
        };
    }

    private Node governancePanel(javafx.beans.value.ObservableValue<SelectedVersion> selected) {
        VersionGovernanceViewModel model = new VersionGovernanceViewModel(security, runner, services.clock().getZone());
        selected.addListener((obs, old, now) -> model.show(now));
        model.show(selected.getValue());
        return new VersionGovernanceView(model).node();
    }

    /**
     * Where lineage nodes open: a commit ({@code commit:<repo>:<sha>}) in the Repositories view when
     * an indexed repository holds it, an MLflow run ({@code mlflow-run:<source>:<run_id>}) in the
     * Experiments view, filtered to that run.
     */
    private LineageLinks lineageLinks() {
        RepositoryCommitLinks commits = new RepositoryCommitLinks(services.repositories(), shell::openRepository);
        return (LineageNode node) -> {
            String key = node.id().value().substring(node.id().value().lastIndexOf(':') + 1);
            if (node.kind().equals(NodeKind.COMMIT)) {
                return commits.repositoryFor(key).map(repo -> () -> commits.open(repo, key));
            }
            if (node.kind().equals(NodeKind.EXPERIMENT_RUN) && experiments != null) {
                return java.util.Optional.of(() -> {
                    shell.show(Page.EXPERIMENTS);
                    experiments.selectExperiments(java.util.List.of());
                    experiments.applyFilter("attributes.run_id = '" + key.replace("'", "") + "'");
                });
            }
            return java.util.Optional.empty();
        };
    }
}
