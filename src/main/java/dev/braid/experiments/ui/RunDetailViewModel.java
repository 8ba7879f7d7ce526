package dev.braid.experiments.ui;

import dev.braid.experiments.ArtifactService;
import dev.braid.experiments.DatasetInput;
import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.LatestMetric;
import dev.braid.experiments.LoggedModel;
import dev.braid.experiments.MetricStats;
import dev.braid.experiments.ModelVersion;
import dev.braid.experiments.RunDetail;
import dev.braid.experiments.RunEditService;
import dev.braid.experiments.RunSummary;
import dev.braid.ui.TaskRunner;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One run in full: overview, params, latest metrics, tags, note, dataset inputs, parent and
 * children, and a chart of any of its metrics.
 */
public final class RunDetailViewModel {
    static final String NOTE_TAG = "mlflow.note.content";
    /** How many metric histories opening a run fetches for its statistics. */
    static final int FETCHED_STATS = 50;
    private final ExperimentService service;
    private final TaskRunner runner;
    private final ZoneId zone;
    private final RunSummary run;
    private final Consumer<String> commitOpener;
    private final MetricPlotViewModel plot;
    private final ObservableList<Field> overview = FXCollections.observableArrayList();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableList<Field> overviewView = FXCollections.unmodifiableObservableList(overview);
    private final ObservableList<Field> params = FXCollections.observableArrayList();
    private final ObservableList<Field> paramsView = FXCollections.unmodifiableObservableList(params);
    private final ObservableList<MetricRow> metrics = FXCollections.observableArrayList();
    private final ObservableList<MetricRow> metricsView = FXCollections.unmodifiableObservableList(metrics);
    private final ObservableList<Field> tags = FXCollections.observableArrayList();
    private final ObservableList<Field> tagsView = FXCollections.unmodifiableObservableList(tags);
    private final ObservableList<DatasetInput> datasets = FXCollections.observableArrayList();
    private final ObservableList<DatasetInput> datasetsView = FXCollections.unmodifiableObservableList(datasets);
    private final ObservableList<String> children = FXCollections.observableArrayList();
    private final ObservableList<String> childrenView = FXCollections.unmodifiableObservableList(children);
    private final ObservableList<ModelLink> registered = FXCollections.observableArrayList();
    private final ObservableList<ModelLink> registeredView = FXCollections.unmodifiableObservableList(registered);
    private Consumer<RegistryFocus> registryOpener = focus -> { };
    private final ObservableList<CiRunLinks.Job> ciJobs = FXCollections.observableArrayList();
    private final ObservableList<CiRunLinks.Job> ciJobsView = FXCollections.unmodifiableObservableList(ciJobs);
    private CiRunLinks ciLinks = CiRunLinks.NONE;
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Loading…");
    private Consumer<RunSummary> runOpener = r -> { };
    private Consumer<String> lineageOpener;
    private RunEditService edits;
    private RunFeatures features;
    private final ObservableList<RunFeatures.UsedFeature> usedFeatures = FXCollections.observableArrayList();
    private final ObservableList<RunFeatures.UsedFeature> usedFeaturesView = FXCollections.unmodifiableObservableList(usedFeatures);
    private ArtifactTreeViewModel artifacts;

    RunDetailViewModel(ExperimentService service, TaskRunner runner, ZoneId zone, RunSummary run,
                       Consumer<String> commitOpener) {
        this.service = service;
        this.runner = runner;
        this.zone = zone;
        this.run = run;
        this.commitOpener = commitOpener;
        this.plot = new MetricPlotViewModel(service, runner, List.of(run));
        load();
    }

    public String title() {
        return RunFormats.runLabel(run);
    }

    public RunSummary run() {
        return run;
    }

    public MetricPlotViewModel plot() {
        return plot;
    }

    public ObservableList<Field> overview() {
        return overviewView;
    }

    public ObservableList<Field> params() {
        return paramsView;
    }

    public ObservableList<MetricRow> metrics() {
        return metricsView;
    }

    public ObservableList<Field> tags() {
        return tagsView;
    }

    public ObservableList<DatasetInput> datasets() {
        return datasetsView;
    }

    /** Run ids of the runs nested under this one. */
    public ObservableList<String> children() {
        return childrenView;
    }

    /** Model versions registered from this run, then the logged models it made, as links into the Models tab. */
    public ObservableList<ModelLink> registered() {
        return registeredView;
    }

    /** The CI jobs that logged this run (a pipeline's train job, say), as links into the Pipelines view. */
    public ObservableList<CiRunLinks.Job> ciJobs() {
        return ciJobsView;
    }

    /** Where the CI jobs that logged runs come from and open; call before the run is shown. */
    void setCiLinks(CiRunLinks links) {
        this.ciLinks = links == null ? CiRunLinks.NONE : links;
        runner.run(() -> ciLinks.jobsThatLogged(run.sourceId(), run.runId()), ciJobs::setAll, failure -> { });
    }

    public void openCiJob(CiRunLinks.Job job) {
        ciLinks.open(job);
    }

    /** Where a registered version or logged model opens (the Models tab, focused on it). */
    public void setRegistryOpener(Consumer<RegistryFocus> opener) {
        this.registryOpener = opener;
    }

    public void openRegistered(ModelLink link) {
        registryOpener.accept(link.focus());
    }

    /** The run's note ({@code mlflow.note.content}); empty when it has none. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Where opening a parent or child run goes (the screen opens it next to this one). */
    public void setRunOpener(Consumer<RunSummary> opener) {
        this.runOpener = opener;
    }

    /** Lists the feature versions this run used ({@link #features()}), through {@code lookup}; null for none. */
    void setFeatures(RunFeatures lookup) {
        this.features = lookup;
        if (lookup != null) {
            runner.run(() -> lookup.ofRun(run.sourceId(), run.runId()), usedFeatures::setAll,
                    failure -> status.set("Could not read the features this run used: " + failure.getMessage()));
        }
    }

    /** Whether run details show the features their runs used. */
    public boolean hasFeatures() {
        return features != null;
    }

    /** The feature-view versions this run used, stale ones flagged. */
    public ObservableList<RunFeatures.UsedFeature> features() {
        return usedFeaturesView;
    }

    /** Opens a used feature view's page. */
    public void openFeature(RunFeatures.UsedFeature feature) {
        if (features != null && feature != null) {
            features.open(feature);
        }
    }

    /** Where the "Lineage" link goes, given the run's MLflow id; null shows no link. */
    void setLineageOpener(Consumer<String> opener) {
        this.lineageOpener = opener;
    }

    public boolean hasLineage() {
        return lineageOpener != null;
    }

    /** Shows this run in the Lineage explorer. */
    public void openLineage() {
        if (lineageOpener != null) {
            lineageOpener.accept(run.runId());
        }
    }

    /** Lets the run's tags be edited (written to the cache now, to MLflow by the outbox); null keeps them read-only. */
    void setRunEdits(RunEditService edits) {
        this.edits = edits;
    }

    /** Lets the run's artifacts be listed and previewed through {@code service}; null leaves them out. */
    void setArtifacts(ArtifactService service) {
        this.artifacts = service == null ? null : new ArtifactTreeViewModel(service, runner, run.runPk());
    }

    /** The run's artifact tree; null when artifacts are not available here. */
    public ArtifactTreeViewModel artifacts() {
        return artifacts;
    }

    /** True when tags can be set here. */
    public boolean canEditTags() {
        return edits != null;
    }

    /** Sets a tag of this run: it shows at once and is sent to MLflow with the next sync. */
    public void setTag(String key, String value) {
        String k = key == null ? "" : key.strip();
        if (edits == null || k.isEmpty()) {
            status.set(edits == null ? "Tags of this run cannot be edited here." : "Enter a tag key.");
            return;
        }
        String v = value == null ? "" : value;
        runner.run(() -> edits.setTag(run.sourceId(), run.runId(), k, v), entry -> {
            status.set("Tag " + k + " set; it is sent to MLflow with the next sync.");
            reload();
        }, failure -> status.set("Could not set tag " + k + ": " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    /** The commit the run was made from, or null. */
    public String commit() {
        return run.sourceCommit();
    }

    public void openCommit() {
        commitOpener.accept(run.sourceCommit());
    }

    /** Opens the run with this MLflow id from the same source (a parent or child). */
    public void openRelated(String runId) {
        runner.run(() -> service.run(run.sourceId(), runId), found -> {
            if (found.isPresent()) {
                runOpener.accept(found.get().summary());
            } else {
                status.set("Run " + runId + " is not in the cache.");
            }
        }, failure -> status.set("Could not read run " + runId + ": " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    private void load() {
        runner.run(() -> service.run(run.runPk()), found -> {
            if (found.isEmpty()) {
                status.set("This run is no longer in the cache.");
                return;
            }
            show(found.get());
            status.set("");
            loadRegistered(found.get());
        }, failure -> status.set("Could not read the run: " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    private void loadRegistered(RunDetail detail) {
        List<ModelLink> links = new ArrayList<>();
        for (ModelVersion v : detail.modelVersions()) {
            links.add(new ModelLink(v.name() + " v" + v.version() + v.aliases().stream().map(a -> " @" + a)
                    .collect(Collectors.joining()), RegistryFocus.version(run.sourceId(), v.name(), v.version())));
        }
        runner.run(() -> service.loggedModels(run.sourceId(), run.runId()), logged -> {
            for (LoggedModel m : logged) {
                links.add(new ModelLink("Logged model " + m.name() + " (" + m.status().toLowerCase(Locale.ROOT) + ")",
                        RegistryFocus.loggedModel(m.sourceId(), m.modelId())));
            }
            registered.setAll(links);
        }, failure -> registered.setAll(links));
    }

    /** Reads the run again after an edit, keeping the status message. */
    private void reload() {
        runner.run(() -> service.run(run.runPk()), found -> found.ifPresent(d -> tags.setAll(fields(d.summary().tags()))),
                failure -> status.set("Could not read the run: " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    private void show(RunDetail detail) {
        RunSummary s = detail.summary();
        List<Field> lines = new ArrayList<>();
        lines.add(new Field("Run id", s.runId()));
        lines.add(new Field("Experiment", s.experimentName()));
        lines.add(new Field("Status", s.status()));
        lines.add(new Field("Started", RunFormats.time(s.startTime(), zone)));
        lines.add(new Field("Ended", RunFormats.time(s.endTime(), zone)));
        lines.add(new Field("Duration", RunFormats.duration(s)));
        lines.add(new Field("User", s.userId()));
        lines.add(new Field("Source", s.tags().getOrDefault("mlflow.source.name", "")));
        lines.add(new Field("Artifacts", detail.artifactUri()));
        List<String> versions = detail.modelVersions().stream().map(v -> v.name() + " v" + v.version()
                + (v.aliases().isEmpty() ? "" : " @" + String.join(", @", v.aliases()))).toList();
        if (!versions.isEmpty()) {
            lines.add(new Field("Model versions", String.join("; ", versions)));
        }
        overview.setAll(lines.stream().map(f -> new Field(f.name(), f.value() == null ? "" : f.value())).toList());
        params.setAll(fields(s.params()));
        tags.setAll(fields(s.tags()));
        note.set(s.tags().getOrDefault(NOTE_TAG, ""));
        List<MetricRow> rows = new ArrayList<>();
        for (LatestMetric m : detail.latestMetrics()) {
            rows.add(new MetricRow(m.key(), m.value() == null ? "NaN" : RunFormats.number(m.value()), m.step(),
                    RunFormats.time(m.timestamp(), zone)));
        }
        metrics.setAll(rows);
        loadMetricStats();
        datasets.setAll(detail.datasets());
        children.setAll(detail.childRunIds());
        if (!plot.metricKeys().isEmpty()) {
            plot.chooseMetric(plot.metricKeys().get(0));
        }
    }

    /**
     * Fills in min, max and count per metric: first from the histories the cache holds, then by
     * fetching the others (at most {@link #FETCHED_STATS}, stopping at the first failure, since
     * the server is then most likely unreachable).
     */
    private void loadMetricStats() {
        runner.run(() -> service.cachedMetricStats(run.runPk()), cached -> {
            showStats(cached);
            List<String> missing = metrics.stream().map(MetricRow::key).filter(k -> !cached.containsKey(k))
                    .limit(FETCHED_STATS).toList();
            if (missing.isEmpty()) {
                return;
            }
            runner.run(() -> {
                Map<String, MetricStats> fetched = new LinkedHashMap<>();
                for (String key : missing) {
                    try {
                        fetched.put(key, service.metricStats(run.runPk(), key));
                    } catch (ExperimentException e) {
                        break;
                    }
                }
                return fetched;
            }, this::showStats, failure -> { });
        }, failure -> status.set("Could not read the metric histories: " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    private void showStats(Map<String, MetricStats> stats) {
        if (!stats.isEmpty()) {
            metrics.setAll(metrics.stream().map(r -> stats.containsKey(r.key()) ? r.withStats(stats.get(r.key())) : r).toList());
        }
    }

    /** The parent run's id, or null for a top-level run. */
    public String parentRunId() {
        return run.parentRunId();
    }

    private static List<Field> fields(Map<String, String> pairs) {
        return pairs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Field(e.getKey(), e.getValue() == null ? "" : e.getValue())).toList();
    }
}
