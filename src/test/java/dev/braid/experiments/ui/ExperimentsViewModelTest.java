package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.GroupStats;
import dev.braid.experiments.RunSummary;
import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentsViewModelTest {
    @TempDir
    Path tmp;
    private ExperimentRows rows;
    private ExperimentsViewModel model;
    private String opened;

    @BeforeEach
    void open() throws Exception {
        rows = ExperimentRows.churn(tmp);
        CommitLinks links = new CommitLinks() {
            @Override
            public Optional<Long> repositoryFor(String hash) {
                return hash.startsWith("abc") ? Optional.of(7L) : Optional.empty();
            }

            @Override
            public void open(long repoId, String hash) {
                opened = repoId + ":" + hash;
            }
        };
        model = new ExperimentsViewModel(rows.context().experiments(), links, new ImmediateTaskRunner(), ZoneOffset.UTC);
        model.refresh();
    }

    @AfterEach
    void close() {
        rows.context().close();
    }

    private List<String> names() {
        return model.runs().stream().map(RunSummary::runName).toList();
    }

    @Test
    void listsExperimentsWithTheirSourceAndEveryRunNewestFirst() {
        assertEquals(List.of("churn  ·  tracking", "fraud  ·  tracking"),
                model.experiments().stream().map(ExperimentEntry::label).toList());
        assertEquals(List.of("fraud-run", "linear-run", "lgbm-run", "xgb-run"), names());
        assertEquals("4 runs", model.statusProperty().get());
    }

    @Test
    void choosingAnExperimentShowsOnlyItsRuns() {
        model.selectExperiments(List.of(model.experiments().get(1)));
        assertEquals(List.of("fraud-run"), names());
    }

    @Test
    void aFilterKeepsMatchingRuns() {
        model.applyFilter("metrics.rmse < 0.4 and params.model != 'linear'");
        assertNull(model.filterProblemProperty().get(), () -> model.filterProblemProperty().get().message());
        assertEquals(List.of("lgbm-run", "xgb-run"), names());
    }

    @Test
    void aBadFilterReportsItsPositionAndKeepsThePreviousRows() {
        model.applyFilter("metrics.rmse 0.5");
        FilterProblem problem = model.filterProblemProperty().get();
        assertTrue(problem != null && problem.position() == 13, String.valueOf(problem));
        assertEquals("             ^", problem.caret());
        assertEquals(4, model.runs().size());
        assertEquals("", model.filterProperty().get());
    }

    @Test
    void sortingAMetricColumnOrdersInTheCache() {
        model.sortBy(RunColumn.metric("rmse"), true);
        assertEquals(List.of("lgbm-run", "xgb-run", "linear-run"), names().subList(0, 3));
        model.sortBy(RunColumn.metric("rmse"), false);
        assertEquals("linear-run", names().get(0));
    }

    @Test
    void theTableOpensWithTheMetricsAndParamsThatVaryAfterTheRunName() {
        ColumnChoice columns = model.columns();
        assertEquals(List.of("star", "status", "run_name", "source", "metrics.accuracy", "metrics.rmse", "params.model",
                "created", "duration", "experiment", "commit", "models"), columns.visible().stream().map(RunColumn::id).toList(),
                "lr is 0.1 everywhere and auc and depth belong to one run each: they do not vary");
        RunSummary xgb = model.runs().stream().filter(r -> r.runName().equals("xgb-run")).findFirst().orElseThrow();
        assertEquals("0.3000", model.cellText(xgb, RunColumn.metric("rmse")), "four significant digits of the largest, 0.5000");
        assertEquals("0.8100", model.cellText(xgb, RunColumn.metric("accuracy")));
        assertTrue(model.numeric(RunColumn.metric("rmse")));
        assertTrue(!model.numeric(RunColumn.param("model")));
    }

    @Test
    void theColumnChooserOffersEveryKeyByItsFullNameAndRemembersTheChoicePerExperiment() {
        java.util.Map<String, String> memory = new java.util.HashMap<>();
        ExperimentsViewModel remembering = new ExperimentsViewModel(rows.context().experiments(), null,
                new ImmediateTaskRunner(), ZoneOffset.UTC);
        remembering.setColumnMemory(new ColumnMemory() {
            @Override
            public Optional<String> load(String scope) {
                return Optional.ofNullable(memory.get(scope));
            }

            @Override
            public void save(String scope, String columns) {
                memory.put(scope, columns);
            }
        });
        remembering.refresh();
        ColumnChoice columns = remembering.columns();
        assertEquals(List.of("metrics.accuracy", "metrics.auc", "metrics.rmse", "params.depth", "params.lr", "params.model",
                "tags.team"), columns.matching().stream().map(RunColumn::id).toList());
        columns.search("RMS");
        assertEquals(List.of("metrics.rmse"), columns.matching().stream().map(RunColumn::id).toList());
        assertTrue(memory.isEmpty(), "a suggestion is not a choice");

        remembering.selectExperiments(List.of(remembering.experiments().get(0)));
        columns.shownProperty(RunColumn.metric("rmse")).set(false);
        columns.setShown(RunColumn.tag("team"), true);
        columns.setShown(RunColumn.of(RunColumn.Kind.USER), true);
        String churn = remembering.scopeKey();
        assertTrue(memory.containsKey(churn), memory.toString());

        remembering.selectExperiments(List.of(remembering.experiments().get(1)));
        assertTrue(columns.visible().contains(RunColumn.of(RunColumn.Kind.USER)), "attributes stay as chosen");
        remembering.selectExperiments(List.of(remembering.experiments().get(0)));
        assertEquals(List.of("star", "status", "run_name", "source", "metrics.accuracy", "params.model", "tags.team",
                "created", "duration", "experiment", "user", "commit", "models"), columns.visible().stream().map(RunColumn::id).toList());
    }

    @Test
    void exportsTheGivenRowsWithTheVisibleColumns() throws Exception {
        model.columns().setShown(RunColumn.param("model"), true);
        Path file = tmp.resolve("runs.csv");
        model.exportCsv(file, List.of(model.runs().get(3)));
        List<String> lines = Files.readAllLines(file);
        assertEquals("status,run_name,source,metrics.accuracy,metrics.rmse,params.model,created,duration,experiment,commit,models",
                lines.get(0));
        assertEquals("FINISHED,xgb-run,MLflow · tracking,0.81,0.3,xgb,1970-01-01 00:16:40,1m 00s,churn,abc1234def,", lines.get(1));
        assertEquals("Exported 1 run to runs.csv", model.statusProperty().get());
    }

    @Test
    void aCommitLinkOpensTheRepositoryHoldingIt() {
        model.openCommit("abc1234def");
        assertEquals("7:abc1234def", opened);
        model.openCommit("fff0000");
        assertTrue(model.statusProperty().get().contains("not in any indexed repository"));
    }

    @Test
    void comparesRunsShowingDifferencesAndTheBestValues() {
        List<RunSummary> churn = model.runs().subList(1, 4);
        CompareViewModel compare = model.compare(churn);
        CompareRow rmse = row(compare, "metrics.rmse");
        assertEquals(List.of("0.5", "0.25", "0.3"), rmse.values());
        assertEquals(1, rmse.best());
        assertEquals(1, row(compare, "metrics.accuracy").best());
        compare.showDifferencesOnly(true);
        assertTrue(compare.rows().stream().noneMatch(r -> r.label().equals("params.lr")));
        assertTrue(compare.rows().stream().anyMatch(r -> r.label().equals("params.model")));
    }

    private static CompareRow row(CompareViewModel compare, String label) {
        return compare.rows().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void aTagSetFromARunDetailLandsInTheCacheAndTheOutbox() throws Exception {
        RunSummary xgb = model.runs().get(3);
        RunDetailViewModel readOnly = model.detail(xgb);
        assertTrue(!readOnly.canEditTags());

        model.setRunEdits(rows.context().runEdits());
        RunDetailViewModel detail = model.detail(xgb);
        detail.setTag("reviewed", "yes");

        assertTrue(detail.tags().contains(new Field("reviewed", "yes")), detail.tags().toString());
        assertEquals("yes", rows.context().experiments().run(xgb.runPk()).orElseThrow().summary().tags().get("reviewed"));
        assertEquals(1, rows.context().runEdits().pending(null).size());
        detail.setTag(" ", "x");
        assertEquals("Enter a tag key.", detail.statusProperty().get());
    }

    @Test
    void aRunDetailShowsMinMaxAndStepsWhereTheHistoryIsCached() {
        rows.history("r1", "rmse", 0.9, 0.5, Double.NaN, 0.3);
        RunSummary xgb = model.runs().get(3);
        RunDetailViewModel detail = model.detail(xgb);
        MetricRow rmse = detail.metrics().stream().filter(r -> r.key().equals("rmse")).findFirst().orElseThrow();
        assertEquals(List.of("0.3", "0.3", "0.9", "4"), List.of(rmse.latest(), rmse.min(), rmse.max(), rmse.steps()));
        // accuracy's history is not cached and its server is unreachable: only the latest value shows.
        MetricRow accuracy = detail.metrics().stream().filter(r -> r.key().equals("accuracy")).findFirst().orElseThrow();
        assertEquals(List.of("0.81", "", "", ""), List.of(accuracy.latest(), accuracy.min(), accuracy.max(), accuracy.steps()));
    }

    @Test
    void datasetsShowAsAColumnAndRunsGroupByThem() {
        rows.dataset("r1", "customers", "0123456789abcdef", "training");
        rows.dataset("r1", "holdout", "fedcba9876543210", "eval");
        rows.dataset("r2", "customers", "0123456789abcdef", "training");
        model.refresh();
        RunSummary xgb = model.runs().stream().filter(r -> r.runId().equals("r1")).findFirst().orElseThrow();
        assertEquals("customers@01234567 (training), holdout@fedcba98 (eval)",
                model.cellText(xgb, RunColumn.of(RunColumn.Kind.DATASETS)));
        model.columns().setShown(RunColumn.metric("rmse"), true);
        assertEquals(RunColumn.of(RunColumn.Kind.DATASETS), model.grouping().choices().get(0));
        model.grouping().groupBy(RunColumn.of(RunColumn.Kind.DATASETS));
        assertEquals(List.of("customers@01234567 2", "holdout@fedcba98 1", "(none) 2"), model.grouping().groups().stream()
                .map(g -> g.label() + " " + g.runs().size()).toList());
        GroupStats customers = model.grouping().groups().get(0).metrics().get("rmse");
        assertEquals(new GroupStats(2, 0.25, 0.30, 0.275), new GroupStats(customers.count(), customers.min(),
                customers.max(), Math.round(customers.mean() * 1000) / 1000.0));
    }

    @Test
    void aStarredRunStaysStarredAndTheStarredFilterKeepsOnlyIt() {
        RunSummary lgbm = model.runs().get(2);
        assertEquals("☆", model.cellText(lgbm, RunColumn.of(RunColumn.Kind.STAR)));
        model.stars().toggle(lgbm);
        assertEquals("★", model.cellText(lgbm, RunColumn.of(RunColumn.Kind.STAR)));
        model.setStarredOnly(true);
        assertEquals(List.of("lgbm-run"), names());
        assertEquals("1 run", model.statusProperty().get());
        assertTrue(model.runs().get(0).starred());
        model.setStarredOnly(false);
        assertEquals(4, model.runs().size());
    }

    @Test
    void aStarredExperimentIsRememberedInTheCache() {
        model.stars().toggle(model.experiments().get(0));
        assertTrue(model.stars().isStarred(model.experiments().get(0)));
        assertEquals(1, rows.context().experiments().starredExperiments().size());
        model.refresh();
        assertTrue(model.stars().isStarred(model.experiments().get(0)));
        assertTrue(!model.stars().isStarred(model.experiments().get(1)));
    }
}
