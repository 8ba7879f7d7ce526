package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineDag;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.PipelineTrends;
import dev.braid.pipelines.SourcePipeline;
import dev.braid.sync.Source;
import dev.braid.ui.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import dev.braid.experiments.ui.CommitLinks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Pipelines screen: every cached run of every pipeline source in one table (filtered and
 * sorted by the cache, read a page at a time), the chosen run's jobs as a graph and a timeline,
 * a job's log ({@link JobLogViewModel}), and trends.
 */
public final class PipelinesViewModel {
    /** How many runs are read at a time as the table scrolls. */
    public static final int PAGE_SIZE = 200;
    /** Choices for the time filter: how far back runs are listed. */
    public enum Since {
        ANY("Any time", null), DAY("Last 24 hours", Duration.ofDays(1)), WEEK("Last 7 days", Duration.ofDays(7)),
        MONTH("Last 30 days", Duration.ofDays(30));

        final String title;
        final Duration back;

        Since(String title, Duration back) {
            this.title = title;
            this.back = back;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    private final PipelineService service;
    private final TaskRunner runner;
    private final Clock clock;
    private final ObservableList<String> sourceNames = FXCollections.observableArrayList();
    private final ObservableList<PipelineRun> runs = FXCollections.observableArrayList();
    private final ObservableList<PipelineRun> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper noSources = new ReadOnlyBooleanWrapper(this, "noSources");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<PipelineRunDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyObjectWrapper<PipelineDag> dag = new ReadOnlyObjectWrapper<>(this, "dag");
    private final ReadOnlyObjectWrapper<PipelineTrends> trends = new ReadOnlyObjectWrapper<>(this, "trends");
    private final ReadOnlyStringWrapper pipelineNote = new ReadOnlyStringWrapper(this, "pipelineNote", "");
    private final ObservableList<PipelineRow> pipelines = FXCollections.observableArrayList();
    private final JobLogViewModel log;
    private final RunDefinitionViewModel definition;
    private final DvcCompareViewModel dvcCompare;
    private PipelineQuery query = PipelineQuery.all();
    private String source;
    private String kind;
    private String branch;
    private PipelineStatus statusFilter;
    private String sha;
    private Since since = Since.ANY;
    private PipelineQuery.Sort sort = PipelineQuery.Sort.CREATED;
    private boolean ascending;
    private boolean complete = true;
    private long generation;
    private long detailGeneration;
    private CommitLinks commits;

    public PipelinesViewModel(PipelineService service, TaskRunner runner, Clock clock) {
        this.service = service;
        this.runner = runner;
        this.clock = clock;
        this.log = new JobLogViewModel(service, runner);
        this.definition = new RunDefinitionViewModel(runner, detail.getReadOnlyProperty());
        this.dvcCompare = new DvcCompareViewModel(runner, detail.getReadOnlyProperty());
    }

    public ObservableList<String> sourceNames() {
        return sourceNames;
    }

    /** The runs loaded so far, in the query's order. */
    public ObservableList<PipelineRun> runs() {
        return runsView;
    }

    /** How many runs the filters match, loaded or not. */
    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True when no pipeline source has been added. */
    public ReadOnlyBooleanProperty noSourcesProperty() {
        return noSources.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The run on display, with its jobs; null before one is chosen. */
    public ReadOnlyObjectProperty<PipelineRunDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The run's pipeline definition at its commit, with the run's statuses laid over it. */
    public RunDefinitionViewModel definition() {
        return definition;
    }

    /** A DVC run's params and metrics beside those of the DVC run before it. */
    public DvcCompareViewModel dvcCompare() {
        return dvcCompare;
    }

    public ReadOnlyObjectProperty<PipelineDag> dagProperty() {
        return dag.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PipelineTrends> trendsProperty() {
        return trends.getReadOnlyProperty();
    }

    public JobLogViewModel log() {
        return log;
    }

    /** What the orchestrator says of the open run's pipeline: "DAG paused", its schedule; empty for CI runs. */
    public ReadOnlyStringProperty pipelineNoteProperty() {
        return pipelineNote.getReadOnlyProperty();
    }

    /** The kinds of source the kind filter offers. */
    public List<String> kinds() {
        return PipelineService.KINDS.stream().sorted().toList();
    }

    /** An orchestrator's pipeline (an Airflow DAG) as the Pipelines tab lists it. */
    public record PipelineRow(String source, SourcePipeline pipeline) {
        public String state() {
            return pipeline.paused() ? "paused" : "active";
        }

        public int tasks() {
            return pipeline.tasks() == null ? 0 : pipeline.tasks().size();
        }
    }

    /** The DAGs of every orchestrator source, paused or not, as its last sync listed them. */
    public ObservableList<PipelineRow> pipelines() {
        return pipelines;
    }

    /** Reads the orchestrators' pipelines (DAGs) again. */
    public void loadPipelines() {
        runner.run(() -> service.allSourcePipelines().entrySet().stream()
                        .flatMap(e -> e.getValue().stream().map(p -> new PipelineRow(e.getKey(), p))).toList(),
                pipelines::setAll, failure -> status.set("Could not read the pipelines: " + failure.getMessage()));
    }

    /** Shows only the runs of sources of {@code sourceKind} ({@code airflow}, {@code gitlab}…); null for every kind. */
    public void filterKind(String sourceKind) {
        this.kind = blank(sourceKind);
        reload();
    }

    /** Where a commit link goes (the repository holding it, in the Repositories view); null shows no link. */
    public void setCommitLinks(CommitLinks links) {
        this.commits = links;
    }

    public boolean canOpenCommits() {
        return commits != null;
    }

    /** Opens the commit in the indexed repository that holds it, if any does. */
    public void openCommit(String hash) {
        if (commits == null || hash == null) {
            return;
        }
        runner.run(() -> commits.repositoryFor(hash), repo -> {
            if (repo.isPresent()) {
                commits.open(repo.get(), hash);
            } else {
                status.set("No indexed repository holds commit " + hash.substring(0, Math.min(10, hash.length()))
                        + ": add the repository to follow it.");
            }
        }, failure -> status.set(failure.getMessage()));
    }

    /** Reads the sources again and starts the table over with the current filters. */
    public void refresh() {
        runner.run(() -> service.sources().stream().map(Source::name).toList(), names -> {
            sourceNames.setAll(names);
            noSources.set(names.isEmpty());
        }, failure -> status.set("Could not read the pipeline sources: " + failure.getMessage()));
        reload();
    }

    public void filter(String sourceName, String branchName, PipelineStatus wanted, String commit, Since window) {
        this.source = blank(sourceName);
        this.branch = blank(branchName);
        this.statusFilter = wanted;
        this.sha = blank(commit);
        this.since = window == null ? Since.ANY : window;
        reload();
    }

    /** Orders the table by {@code column}; null restores newest first. */
    public void sortBy(PipelineQuery.Sort column, boolean asc) {
        this.sort = column == null ? PipelineQuery.Sort.CREATED : column;
        this.ascending = column != null && asc;
        reload();
    }

    /** The filters as a query (first page). */
    PipelineQuery currentQuery() {
        Instant from = since.back == null ? null : clock.instant().minus(since.back);
        String commit = sha != null && sha.matches("[0-9a-fA-F]{4,64}") ? sha : null;
        return new PipelineQuery(source == null ? List.of() : List.of(source), kind == null ? List.of() : List.of(kind), branch,
                statusFilter == null ? List.of() : List.of(statusFilter), commit, from, null, sort, ascending, 0, PAGE_SIZE);
    }

    private void reload() {
        PipelineQuery next = currentQuery();
        if (sha != null && next.sha() == null) {
            status.set("A commit is filtered by its hash or a prefix of 4 or more hex digits: " + sha);
            return;
        }
        long asked = ++generation;
        loading.set(true);
        runner.run(() -> service.page(next), page -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            query = next;
            complete = page.runs().size() < PAGE_SIZE;
            total.set(page.total());
            runs.setAll(page.runs());
            status.set(page.total() + (page.total() == 1 ? " run" : " runs"));
            if (trends.get() != null) {
                loadTrends();
            }
        }, failure -> {
            if (asked == generation) {
                loading.set(false);
                status.set("Could not read the runs: " + failure.getMessage());
            }
        });
    }

    /** Reads the next page when row {@code index} is within half a page of the end of what is loaded. */
    public void ensureLoaded(int index) {
        if (index < runs.size() - PAGE_SIZE / 2 || loading.get() || complete) {
            return;
        }
        long asked = generation;
        PipelineQuery next = query.page(runs.size(), PAGE_SIZE);
        loading.set(true);
        runner.run(() -> service.runs(next), page -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            complete = page.size() < PAGE_SIZE;
            runs.addAll(page);
        }, failure -> {
            if (asked == generation) {
                loading.set(false);
                complete = true;
            }
        });
    }

    /** Shows a run with its jobs, graph and timeline. */
    public void open(PipelineRun run) {
        if (run == null) {
            return;
        }
        long asked = ++detailGeneration;
        runner.run(() -> service.run(run.source(), run.id()).map(d -> new Opened(d, d.run().pipeline() == null ? null
                : service.sourcePipeline(d.run().source(), d.run().pipeline()).orElse(null))), opened -> {
            if (asked != detailGeneration) {
                return;
            }
            PipelineRunDetail d = opened.map(Opened::detail).orElse(null);
            pipelineNote.set(opened.map(Opened::note).orElse(""));
            detail.set(d);
            dag.set(d == null ? null : PipelineDag.of(d.jobs()));
            log.show(d, null);
        }, failure -> status.set("Could not read run " + run.label() + ": " + failure.getMessage()));
    }

    /** Opens a run and shows one of its jobs' log (a CI job another screen links to). */
    public void openJob(String sourceName, String runId, String jobId) {
        long asked = ++detailGeneration;
        runner.run(() -> service.run(sourceName, runId), found -> {
            if (asked != detailGeneration) {
                return;
            }
            if (found.isEmpty()) {
                status.set("Run " + runId + " of " + sourceName + " is not in the cache.");
                return;
            }
            PipelineRunDetail d = found.get();
            pipelineNote.set("");
            detail.set(d);
            dag.set(PipelineDag.of(d.jobs()));
            log.show(d, d.jobs().stream().filter(j -> j.id().equals(jobId)).findFirst().orElse(null));
        }, failure -> status.set("Could not read run " + runId + ": " + failure.getMessage()));
    }

    /** A run read for display, with the orchestrator's pipeline it belongs to (null for CI runs). */
    private record Opened(PipelineRunDetail detail, SourcePipeline pipeline) {
        String note() {
            if (pipeline == null) {
                return "";
            }
            String word = "airflow".equals(detail.run().sourceKind()) ? "DAG" : "pipeline";
            return word + " " + pipeline.pipeline() + (pipeline.paused() ? " is paused" : "")
                    + (pipeline.schedule() == null ? "" : " · schedule " + pipeline.schedule());
        }
    }

    /** Opens the run a downstream link names. */
    public void openRun(String sourceName, String runId) {
        runs.stream().filter(r -> r.source().equals(sourceName) && r.id().equals(runId)).findFirst().ifPresentOrElse(this::open,
                () -> runner.run(() -> service.run(sourceName, runId), found -> found.ifPresent(d -> open(d.run())),
                        failure -> status.set(failure.getMessage())));
    }

    /** Computes the trends of the runs the filters match (their newest 5,000). */
    public void loadTrends() {
        PipelineQuery q = currentQuery();
        runner.run(() -> service.trends(q, 5_000), trends::set,
                failure -> status.set("Could not compute the trends: " + failure.getMessage()));
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
