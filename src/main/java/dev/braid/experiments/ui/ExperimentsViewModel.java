package dev.braid.experiments.ui;

import dev.braid.experiments.ArtifactService;
import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.ExperimentKey;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.RunEditService;
import dev.braid.experiments.RunGroupKey;
import dev.braid.experiments.RunGroupStats;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.experiments.filter.FilterSyntaxException;
import dev.braid.experiments.filter.RunFilter;
import dev.braid.sync.Source;
import dev.braid.ui.TaskRunner;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Experiments screen: experiments of every MLflow source, the runs of the chosen ones
 * (filtered with MLflow's search syntax and sorted by the cache), the column chooser, and the
 * commands that open a run, compare runs, follow a commit or export the rows.
 */
public final class ExperimentsViewModel {
    /** How many runs are read at a time as the table scrolls. */
    public static final int PAGE_SIZE = 200;
    private final ExperimentService service;
    private final CommitLinks commits;
    private final TaskRunner runner;
    private final ZoneId zone;
    private final ColumnChoice columns = new ColumnChoice();
    private final ObservableList<ExperimentEntry> experiments = FXCollections.observableArrayList();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableList<ExperimentEntry> experimentsView = FXCollections.unmodifiableObservableList(experiments);
    private final ObservableList<ExperimentEntry> selected = FXCollections.observableArrayList();
    private final ObservableList<ExperimentEntry> selectedView = FXCollections.unmodifiableObservableList(selected);
    private final ReadOnlyObjectWrapper<RunSummary> runToOpen = new ReadOnlyObjectWrapper<>(this, "runToOpen");
    private final javafx.beans.property.ReadOnlyIntegerWrapper modelsRequested =
            new javafx.beans.property.ReadOnlyIntegerWrapper(this, "modelsRequested");
    private final RunPager pager;
    private final ObservableList<RunSummary> runs;
    private final ObservableList<RunSummary> runsView;
    private final RunStars stars;
    private final ReadOnlyBooleanWrapper noSources = new ReadOnlyBooleanWrapper(this, "noSources");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper experimentsLoaded = new ReadOnlyBooleanWrapper(this, "experimentsLoaded");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper filter = new ReadOnlyStringWrapper(this, "filter", "");
    private final ReadOnlyObjectWrapper<FilterProblem> filterProblem = new ReadOnlyObjectWrapper<>(this, "filterProblem");
    private final ReadOnlyObjectWrapper<RunColumn> sortColumn = new ReadOnlyObjectWrapper<>(this, "sortColumn");
    private final ReadOnlyBooleanWrapper sortAscending = new ReadOnlyBooleanWrapper(this, "sortAscending");
    private final ReadOnlyBooleanWrapper starredOnly = new ReadOnlyBooleanWrapper(this, "starredOnly");
    private final RunNesting nesting;
    private final RunGrouping grouping;
    private final ModelRegistryViewModel registry;
    private RunCells cells;
    private NumberColumns numbers = NumberColumns.none();
    private ColumnMemory columnMemory = ColumnMemory.NONE;
    /** The set of experiments whose columns were last applied (remembered or suggested); null before. */
    private String columnScope;
    private boolean suggestColumns;
    private int lastShownRow;
    private RunEditService edits;
    private ArtifactService artifacts;
    private dev.braid.experiments.ArtifactScans artifactScans;
    private Consumer<String> lineageOpener;
    private Runnable sourceAdder = () -> { };
    private CiRunLinks ciLinks = CiRunLinks.NONE;
    private RunFeatures features;

    public ExperimentsViewModel(ExperimentService service, CommitLinks commits, TaskRunner runner, ZoneId zone) {
        this.service = service;
        this.commits = commits;
        this.runner = runner;
        this.zone = zone;
        this.cells = RunCells.empty(zone);
        this.pager = new RunPager(service, runner, PAGE_SIZE);
        this.runs = pager.items();
        this.runsView = FXCollections.unmodifiableObservableList(runs);
        this.nesting = new RunNesting(runs);
        this.grouping = new RunGrouping(runs, columns, this::readGroups);
        this.stars = new RunStars(service, runner, status::set);
        pager.setOnPage(this::pageArrived);
        pager.loadingProperty().addListener((obs, old, now) -> loading.set(now));
        this.registry = new ModelRegistryViewModel(service, runner, zone);
        columns.onChosen(() -> columnMemory.save(scopeKey(), ColumnCodec.encode(columns.chosenKeys(), columns.shownAttributes())));
    }

    /**
     * Where the columns chosen per set of experiments are remembered. Call before the first
     * {@link #refresh()}; without it the choice lasts as long as the window.
     */
    public void setColumnMemory(ColumnMemory memory) {
        this.columnMemory = memory;
    }

    /** The chosen experiments as a key for {@link ColumnMemory}: {@code runs:all} or {@code runs:<source>/<id>,...}. */
    String scopeKey() {
        List<String> keys = selected.stream().map(e -> e.experiment().sourceId() + "/" + e.experiment().experimentId())
                .sorted().toList();
        return keys.isEmpty() ? "runs:all" : "runs:" + String.join(",", keys);
    }

    /**
     * For a set of experiments seen for the first time in this window: the columns remembered for
     * it, else (once its first page of runs is read) the metrics and params that vary across it.
     */
    private void applyColumnsForScope() {
        String scope = scopeKey();
        if (scope.equals(columnScope)) {
            return;
        }
        columnScope = scope;
        java.util.Optional<String> remembered = columnMemory.load(scope);
        if (remembered.isPresent()) {
            List<RunColumn> decoded = ColumnCodec.decode(remembered.get());
            columns.choose(decoded.stream().filter(c -> c.kind().keyed()).toList());
            columns.showAttributes(decoded.stream().filter(c -> !c.kind().keyed()).toList());
            suggestColumns = false;
        } else {
            suggestColumns = true;
        }
    }

    /** The Models tab: registered models, their versions and logged models. */
    public ModelRegistryViewModel registry() {
        return registry;
    }

    public ObservableList<ExperimentEntry> experiments() {
        return experimentsView;
    }

    public ObservableList<RunSummary> runs() {
        return runsView;
    }

    public ColumnChoice columns() {
        return columns;
    }

    /** The table's rows: the loaded runs, nested under their parents unless switched off. */
    public RunNesting nesting() {
        return nesting;
    }

    /** Stars on runs and experiments. */
    public RunStars stars() {
        return stars;
    }

    /** True when only starred runs are listed. */
    public ReadOnlyBooleanProperty starredOnlyProperty() {
        return starredOnly.getReadOnlyProperty();
    }

    /** Lists only starred runs, or every run again. */
    public void setStarredOnly(boolean only) {
        if (only != starredOnly.get()) {
            starredOnly.set(only);
            reloadRuns(filter.get());
        }
    }

    /** How many runs the filter matches in all; the table loads them a page at a time. */
    public ReadOnlyLongProperty totalProperty() {
        return pager.totalProperty();
    }

    /** The table shows row {@code index}: reads the next page when it is near the end of what is loaded. */
    public void rowShown(int index) {
        lastShownRow = index;
        pager.ensureLoaded(index, nesting.rows().size());
    }

    /**
     * After a page arrives, reads on while the row last shown is still near the end: a page whose
     * runs all nest under a collapsed parent adds no row, so no new row would come into view.
     */
    private void pageArrived() {
        numbers = NumberColumns.of(runs);
        if (suggestColumns && !runs.isEmpty()) {
            suggestColumns = false;
            columns.choose(ColumnChoice.suggest(runs, ColumnChoice.SUGGESTED_PER_KIND));
        }
        showCount();
        pager.ensureLoaded(lastShownRow, nesting.rows().size());
    }

    /** The loaded runs grouped by datasets, a param or a tag, with metric statistics per group. */
    public RunGrouping grouping() {
        return grouping;
    }

    /** True when no MLflow source has been added: the screen explains how to add one. */
    public ReadOnlyBooleanProperty noSourcesProperty() {
        return noSources.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** False until the experiments were read from the cache once: before that, "none" would not be true yet. */
    public ReadOnlyBooleanProperty experimentsLoadedProperty() {
        return experimentsLoaded.getReadOnlyProperty();
    }

    /** "42 runs", "100,000 runs · 400 loaded — scroll for more", or what went wrong. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The filter the shown rows satisfy (the last one that was valid). */
    public ReadOnlyStringProperty filterProperty() {
        return filter.getReadOnlyProperty();
    }

    /** Why the last filter typed was rejected; null when it was applied. */
    public ReadOnlyObjectProperty<FilterProblem> filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
    }

    /** The column the cache sorts by; null for the default order (newest first). */
    public ReadOnlyObjectProperty<RunColumn> sortColumnProperty() {
        return sortColumn.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sortAscendingProperty() {
        return sortAscending.getReadOnlyProperty();
    }

    /** The text a cell of {@code column} shows for {@code run}. */
    public String cellText(RunSummary run, RunColumn column) {
        return switch (column.kind()) {
            case STAR -> stars.isStarred(run) ? "★" : "☆";
            case METRIC -> numbers.format(column.key(), run.metrics().get(column.key()));
            default -> cells.text(run, column);
        };
    }

    /** Whether {@code column}'s cells are numbers, shown right-aligned: metrics, and params whose loaded values are all numbers. */
    public boolean numeric(RunColumn column) {
        if (column.kind() == RunColumn.Kind.METRIC) {
            return true;
        }
        if (column.kind() != RunColumn.Kind.PARAM) {
            return false;
        }
        boolean any = false;
        for (RunSummary run : runs) {
            String value = run.params().get(column.key());
            if (value != null) {
                if (!value.strip().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Reads sources, experiments and model versions again, keeping the chosen experiments, then the runs and the Models tab. */
    public void refresh() {
        registry.refresh();
        runner.run(() -> {
            List<Source> sources = service.sources();
            Map<Long, String> names = sources.stream().collect(Collectors.toMap(Source::id, Source::name));
            List<ExperimentEntry> found = service.experiments().stream()
                    .map(e -> new ExperimentEntry(e, names.getOrDefault(e.sourceId(), "?"))).toList();
            return new Loaded(sources.isEmpty(), found, RunCells.of(zone, service.models(), sources), service.starredExperiments());
        }, loaded -> {
            noSources.set(loaded.noSources());
            cells = loaded.cells();
            stars.showExperimentStars(loaded.starred());
            // In place: the list keeps its selection and scroll position while a sync refreshes it.
            dev.braid.ui.ListUpdates.update(experiments, loaded.experiments(),
                    e -> e.experiment().sourceId() + "/" + e.experiment().experimentId());
            boolean gone = selected.removeIf(s -> loaded.experiments().stream().noneMatch(e -> e.owns(s.experiment().sourceId(),
                    s.experiment().experimentId())));
            experimentsLoaded.set(true);
            reloadKeys();
            applyColumnsForScope();
            if (gone || pager.query() == null) {
                reloadRuns(filter.get());
            } else {
                // The same runs read again as far as they were loaded: the filter, order, selection and scroll stay.
                pager.reload(() -> stars.forgetChanges(), failure -> status.set("Could not read the runs: "
                        + dev.braid.sync.PlainErrors.describe(failure)));
            }
        }, failure -> status.set("Could not read the experiments: " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    private record Loaded(boolean noSources, List<ExperimentEntry> experiments, RunCells cells,
                          Set<ExperimentKey> starred) {
    }

    /** Shows the runs of these experiments; none chosen means every experiment. */
    public void selectExperiments(List<ExperimentEntry> chosen) {
        if (!chosen.equals(selected)) {
            selected.setAll(chosen);
            reloadKeys();
            applyColumnsForScope();
            reloadRuns(filter.get());
        }
    }

    /** Applies a filter in MLflow syntax; a mistake is reported with its position and the rows stay. */
    public void applyFilter(String text) {
        String value = text == null ? "" : text.strip();
        try {
            RunFilter.parse(value);
        } catch (FilterSyntaxException e) {
            filterProblem.set(new FilterProblem(e.reason(), e.position() + (text == null ? 0 : text.indexOf(value))));
            return;
        }
        reloadRuns(value);
    }

    /** Sorts by {@code column} in the cache; null goes back to newest first. */
    public void sortBy(RunColumn column, boolean ascending) {
        if (column != null && column.orderBy() == null) {
            return;
        }
        if (java.util.Objects.equals(column, sortColumn.get()) && (column == null || ascending == sortAscending.get())) {
            return;
        }
        sortColumn.set(column);
        sortAscending.set(ascending);
        reloadRuns(filter.get());
    }

    private String orderBy() {
        RunColumn column = sortColumn.get();
        return column == null ? null : column.orderBy() + (sortAscending.get() ? " ASC" : " DESC");
    }

    private List<ExperimentKey> chosenKeys() {
        return selected.stream().map(e -> ExperimentKey.of(e.experiment())).toList();
    }

    /** Offers every key of the chosen experiments in the column chooser (one query, off the UI thread). */
    private void reloadKeys() {
        RunQuery scope = new RunQuery(null, List.of(), chosenKeys(), null, null, false, 0, 0);
        runner.run(() -> service.runKeys(scope), columns::setKeys,
                failure -> status.set("Could not read the keys of the runs: " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    private void reloadRuns(String filterText) {
        lastShownRow = 0;
        RunQuery query = new RunQuery(null, List.of(), chosenKeys(), filterText.isEmpty() ? null : filterText, orderBy(),
                starredOnly.get(), 0, 0);
        pager.reset(query, () -> {
            filter.set(filterText);
            filterProblem.set(null);
            stars.forgetChanges();
        }, failure -> {
            FilterProblem problem = problemIn(failure);
            if (problem != null || !filterText.equals(filter.get())) {
                filterProblem.set(problem != null ? problem : new FilterProblem(dev.braid.sync.PlainErrors.describe(failure), -1));
            } else {
                status.set("Could not read the runs: " + dev.braid.sync.PlainErrors.describe(failure));
            }
        });
    }

    /** The groups of every run of the shown query, read from the cache in the background. */
    private void readGroups(RunGroupKey by, List<String> metrics, Consumer<List<RunGroupStats>> done) {
        RunQuery query = pager.query();
        if (query == null) {
            done.accept(List.of());
            return;
        }
        runner.run(() -> service.runGroups(query, by, metrics), done,
                failure -> status.set("Could not group the runs: " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    private void showCount() {
        long total = pager.totalProperty().get();
        String runsText = total == 1 ? "1 run" : String.format("%,d runs", total);
        status.set(pager.complete() || runs.size() >= total ? runsText
                : String.format("%s · %,d loaded — scroll for more", runsText, runs.size()));
    }

    private static FilterProblem problemIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FilterSyntaxException syntax) {
                return new FilterProblem(syntax.reason(), syntax.position());
            }
        }
        return null;
    }

    /** Opens the commit with this hash in the Repositories view, or says it is not in an indexed repository. */
    public void openCommit(String hash) {
        if (hash == null || hash.isBlank()) {
            return;
        }
        runner.run(() -> commits.repositoryFor(hash), repo -> {
            if (repo.isPresent()) {
                commits.open(repo.get(), hash);
            } else {
                status.set("Commit " + RunFormats.shortHash(hash) + " is not in any indexed repository; add the repository to follow it.");
            }
        }, failure -> status.set("Could not look up commit " + RunFormats.shortHash(hash) + ": " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    /** The experiments shown, as the list should select them; changes when another screen asks for some. */
    public ObservableList<ExperimentEntry> selectedExperiments() {
        return selectedView;
    }

    /** Shows the runs of one experiment (as the list selects it), as the search does. */
    public void showExperiment(long sourceId, String experimentId) {
        List<ExperimentEntry> wanted = experiments.stream().filter(e -> e.owns(sourceId, experimentId)).toList();
        if (!wanted.isEmpty()) {
            selectExperiments(wanted);
        }
    }

    /**
     * Opens one run's detail, as the search does: every experiment is shown, filtered to that run,
     * and {@link #runToOpenProperty()} names it once it is read.
     */
    public void openRun(String sourceName, String runId) {
        String filterText = "attributes.run_id = '" + runId.replace("'", "") + "'";
        selectExperiments(List.of());
        applyFilter(filterText);
        runner.run(() -> service.runs(new RunQuery(sourceName, List.of(), filterText, null, 1)), found -> {
            if (!found.isEmpty()) {
                runToOpen.set(found.get(0));
            }
        }, failure -> status.set("Could not open the run: " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    /** A run the view should open in a tab of its own; the view clears it once it did. */
    public ReadOnlyObjectProperty<RunSummary> runToOpenProperty() {
        return runToOpen.getReadOnlyProperty();
    }

    public void runOpened() {
        runToOpen.set(null);
    }

    /** Shows a registered model or version in the Models tab, as the search does. */
    public void showModel(RegistryFocus focus) {
        modelsRequested.set(modelsRequested.get() + 1);
        registry.focus(focus);
    }

    /** Changes when another screen asked for the Models tab. */
    public javafx.beans.property.ReadOnlyIntegerProperty modelsRequestedProperty() {
        return modelsRequested.getReadOnlyProperty();
    }

    /** How the "no MLflow source yet" note opens the Add-source dialog on MLflow's kinds. */
    public void setSourceAdder(Runnable adder) {
        this.sourceAdder = adder;
    }

    /** Opens the Add-source dialog on MLflow's kinds, where the window gave a way to. */
    public void addSource() {
        sourceAdder.run();
    }

    /** Lets run details edit tags through {@code edits}; without it they are read-only. */
    public void setRunEdits(RunEditService edits) {
        this.edits = edits;
    }

    /** Lets run details list and preview artifacts through {@code artifacts}; without it they have no Artifacts tab. */
    public void setArtifacts(ArtifactService artifacts) {
        this.artifacts = artifacts;
    }

    /** Lets run details show (and start) scans of their artifact files; null leaves scanning out. */
    public void setArtifactScans(dev.braid.experiments.ArtifactScans scans) {
        this.artifactScans = scans;
    }

    /** Gives run details a Features tab: the feature versions each run used. */
    public void setFeatures(RunFeatures features) {
        this.features = features;
    }

    /** Gives run details a "Lineage" link that shows the run (by MLflow id) in the explorer. */
    public void setLineageOpener(Consumer<String> opener) {
        this.lineageOpener = opener;
    }

    /** A run's detail; it loads itself. */
    public RunDetailViewModel detail(RunSummary run) {
        RunDetailViewModel detail = new RunDetailViewModel(service, runner, zone, run, this::openCommit);
        detail.setRunEdits(edits);
        detail.setArtifacts(artifacts);
        if (detail.artifacts() != null) {
            detail.artifacts().setScans(artifactScans);
        }
        detail.setLineageOpener(lineageOpener);
        detail.setCiLinks(ciLinks);
        detail.setFeatures(features);
        return detail;
    }

    /** Where runs logged from CI link to (their pipeline and job, in the Pipelines view). */
    public void setCiLinks(CiRunLinks links) {
        this.ciLinks = links == null ? CiRunLinks.NONE : links;
        registry.setCiLinks(this.ciLinks);
    }

    /** A comparison of two or more runs; null for fewer. */
    public CompareViewModel compare(List<RunSummary> chosen) {
        if (chosen.size() < 2) {
            status.set("Select two or more runs to compare.");
            return null;
        }
        return new CompareViewModel(service, runner, chosen, commits);
    }

    /** Writes {@code rows} with the visible columns to {@code file} as CSV, off the UI thread. */
    public void exportCsv(Path file, List<RunSummary> rows) {
        RunsExport.write(runner, cells, columns.visible(), file, rows, status::set);
    }
}
