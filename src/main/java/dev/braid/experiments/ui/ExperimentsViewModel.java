package dev.braid.experiments.ui;

import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.RunEditService;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.experiments.filter.FilterSyntaxException;
import dev.braid.experiments.filter.RunFilter;
import dev.braid.sync.Source;
import dev.braid.ui.TaskRunner;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
    /** The most runs the table holds at once; beyond it the user is asked to refine the filter. */
    static final int ROW_LIMIT = 1_000;
    private final ExperimentService service;
    private final CommitLinks commits;
    private final TaskRunner runner;
    private final ZoneId zone;
    private final ColumnChoice columns = new ColumnChoice();
    private final ObservableList<ExperimentEntry> experiments = FXCollections.observableArrayList();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableList<ExperimentEntry> experimentsView = FXCollections.unmodifiableObservableList(experiments);
    private final ObservableList<ExperimentEntry> selected = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ReadOnlyBooleanWrapper noSources = new ReadOnlyBooleanWrapper(this, "noSources");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper filter = new ReadOnlyStringWrapper(this, "filter", "");
    private final ReadOnlyObjectWrapper<FilterProblem> filterProblem = new ReadOnlyObjectWrapper<>(this, "filterProblem");
    private final ReadOnlyObjectWrapper<RunColumn> sortColumn = new ReadOnlyObjectWrapper<>(this, "sortColumn");
    private final ReadOnlyBooleanWrapper sortAscending = new ReadOnlyBooleanWrapper(this, "sortAscending");
    private final RunNesting nesting = new RunNesting(runs);
    private final RunGrouping grouping = new RunGrouping(runs, columns);
    private RunCells cells;
    private RunEditService edits;
    private Consumer<String> lineageOpener;
    private long generation;

    public ExperimentsViewModel(ExperimentService service, CommitLinks commits, TaskRunner runner, ZoneId zone) {
        this.service = service;
        this.commits = commits;
        this.runner = runner;
        this.zone = zone;
        this.cells = RunCells.empty(zone);
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

    /** The loaded runs grouped by a param or tag, with metric statistics per group. */
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

    /** "42 runs", "Showing the first 1,000 runs…", or what went wrong. */
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
        return cells.text(run, column);
    }

    /** Reads sources, experiments and model versions again, keeping the chosen experiments, then the runs. */
    public void refresh() {
        runner.run(() -> {
            List<Source> sources = service.sources();
            Map<Long, String> names = sources.stream().collect(Collectors.toMap(Source::id, Source::name));
            List<ExperimentEntry> found = service.experiments().stream()
                    .map(e -> new ExperimentEntry(e, names.getOrDefault(e.sourceId(), "?"))).toList();
            return new Loaded(sources.isEmpty(), found, RunCells.of(zone, service.models()));
        }, loaded -> {
            noSources.set(loaded.noSources());
            cells = loaded.cells();
            experiments.setAll(loaded.experiments());
            selected.removeIf(s -> loaded.experiments().stream().noneMatch(e -> e.owns(s.experiment().sourceId(),
                    s.experiment().experimentId())));
            reloadRuns(filter.get());
        }, failure -> status.set("Could not read the experiments: " + failure.getMessage()));
    }

    private record Loaded(boolean noSources, List<ExperimentEntry> experiments, RunCells cells) {
    }

    /** Shows the runs of these experiments; none chosen means every experiment. */
    public void selectExperiments(List<ExperimentEntry> chosen) {
        if (!chosen.equals(selected)) {
            selected.setAll(chosen);
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

    private void reloadRuns(String filterText) {
        long asked = ++generation;
        List<ExperimentEntry> chosen = List.copyOf(selected);
        RunQuery query = new RunQuery(null, chosen.stream().map(e -> e.experiment().name()).distinct().toList(),
                filterText.isEmpty() ? null : filterText, orderBy(), ROW_LIMIT + 1);
        loading.set(true);
        runner.run(() -> {
            List<RunSummary> found = service.runs(query);
            return chosen.isEmpty() ? found : found.stream()
                    .filter(r -> chosen.stream().anyMatch(e -> e.owns(r.sourceId(), r.experimentId()))).toList();
        }, found -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            filter.set(filterText);
            filterProblem.set(null);
            boolean more = found.size() > ROW_LIMIT;
            List<RunSummary> shown = more ? found.subList(0, ROW_LIMIT) : found;
            runs.setAll(shown);
            columns.learnKeys(shown);
            status.set(more ? String.format("Showing the first %,d runs; more match — refine the filter", ROW_LIMIT)
                    : shown.size() == 1 ? "1 run" : String.format("%,d runs", shown.size()));
        }, failure -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            FilterProblem problem = problemIn(failure);
            if (problem != null || !filterText.equals(filter.get())) {
                filterProblem.set(problem != null ? problem : new FilterProblem(failure.getMessage(), -1));
            } else {
                status.set("Could not read the runs: " + failure.getMessage());
            }
        });
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
        }, failure -> status.set("Could not look up commit " + RunFormats.shortHash(hash) + ": " + failure.getMessage()));
    }

    /** Lets run details edit tags through {@code edits}; without it they are read-only. */
    public void setRunEdits(RunEditService edits) {
        this.edits = edits;
    }

    /** Gives run details a "Lineage" link that shows the run (by MLflow id) in the explorer. */
    public void setLineageOpener(Consumer<String> opener) {
        this.lineageOpener = opener;
    }

    /** A run's detail; it loads itself. */
    public RunDetailViewModel detail(RunSummary run) {
        RunDetailViewModel detail = new RunDetailViewModel(service, runner, zone, run, this::openCommit);
        detail.setRunEdits(edits);
        detail.setLineageOpener(lineageOpener);
        return detail;
    }

    /** A comparison of two or more runs; null for fewer. */
    public CompareViewModel compare(List<RunSummary> chosen) {
        if (chosen.size() < 2) {
            status.set("Select two or more runs to compare.");
            return null;
        }
        return new CompareViewModel(service, runner, chosen);
    }

    /** Writes {@code rows} with the visible columns to {@code file} as CSV, off the UI thread. */
    public void exportCsv(Path file, List<RunSummary> rows) {
        List<RunColumn> shown = List.copyOf(columns.visible());
        RunCells current = cells;
        List<String> header = shown.stream().map(RunColumn::id).toList();
        List<List<String>> lines = new ArrayList<>(rows.size());
        for (RunSummary run : rows) {
            lines.add(shown.stream().map(c -> current.exportText(run, c)).toList());
        }
        runner.run(() -> {
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                RunsCsv.write(out, header, lines);
            }
            return lines.size();
        }, count -> status.set("Exported " + count + (count == 1 ? " run to " : " runs to ") + file.getFileName()),
                failure -> status.set("Could not export to " + file + ": " + failure.getMessage()));
    }
}
