package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.RunSummary;
import dev.braid.testing.GeneratedRuns;
import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs table over a big generated cache: 3,000 runs logging 10,000 distinct keys between
 * them. Nothing is timed; what is checked is that every key is offered, only chosen keys become
 * columns, and rows are read a page at a time with the full count shown.
 */
class ExperimentsViewModelScaleTest {
    private static final int RUNS = 3_000;
    private static final int KEYS = 10_000;
    @TempDir
    Path tmp;
    private ExperimentRows rows;
    private ExperimentsViewModel model;

    @BeforeEach
    void open() throws Exception {
        rows = new ExperimentRows(tmp);
        GeneratedRuns.write(rows.context().database(), rows.sourceId(), "1", "big", "g", RUNS, KEYS);
        CommitLinks none = new CommitLinks() {
            @Override
            public Optional<Long> repositoryFor(String hash) {
                return Optional.empty();
            }

            @Override
            public void open(long repoId, String hash) {
            }
        };
        model = new ExperimentsViewModel(rows.context().experiments(), none, new ImmediateTaskRunner(), ZoneOffset.UTC);
        model.refresh();
    }

    @AfterEach
    void close() {
        rows.context().close();
    }

    @Test
    void theChooserOffersEveryKeyAndOnlyChosenKeysBecomeColumns() {
        Set<String> expected = new HashSet<>(List.of("metrics.loss", "params.seed"));
        for (int j = 0; j < KEYS; j++) {
            expected.add((j % 3 == 0 ? "metrics." : j % 3 == 1 ? "params." : "tags.") + "k" + j);
        }
        List<String> offered = model.columns().keys().stream().map(RunColumn::id).toList();
        assertEquals(expected.size(), offered.size());
        assertEquals(expected, new HashSet<>(offered));
        // Keys of runs beyond the first page are offered too: key k9999 belongs to run 9999 % 3000 = 999.
        assertTrue(model.runs().stream().noneMatch(r -> r.metrics().containsKey("k9999")));
        model.columns().search("k9999");
        assertEquals(List.of("metrics.k9999"), model.columns().matching().stream().map(RunColumn::id).toList());
        model.columns().search("");
        assertEquals(expected.size(), model.columns().matching().size());

        model.columns().choose(List.of());
        model.columns().shownProperty(RunColumn.metric("k9999")).set(true);
        model.columns().setShown(RunColumn.tag("k2"), true);
        // The source stands right after the run's name, then the chosen keys, then the other attributes.
        List<RunColumn> wanted = new ArrayList<>(ColumnChoice.LEAD);
        wanted.add(RunColumn.of(RunColumn.Kind.SOURCE));
        wanted.add(RunColumn.metric("k9999"));
        wanted.add(RunColumn.tag("k2"));
        ColumnChoice.FIXED.subList(ColumnChoice.LEAD.size(), ColumnChoice.FIXED.size()).stream()
                .filter(c -> c.kind() != RunColumn.Kind.SOURCE).forEach(wanted::add);
        assertEquals(wanted, model.columns().visible());
        assertEquals(expected.size(), model.columns().keys().size());
    }

    @Test
    void rowsAreReadAPageAtATimeUnderTheFullCount() {
        assertEquals(RUNS, model.totalProperty().get());
        assertEquals(ExperimentsViewModel.PAGE_SIZE, model.runs().size());
        assertEquals("3,000 runs · 200 loaded — scroll for more", model.statusProperty().get());
        model.rowShown(20);
        assertEquals(200, model.runs().size());
        model.rowShown(150);
        assertEquals(400, model.runs().size());
        while (model.runs().size() < RUNS) {
            int before = model.runs().size();
            model.rowShown(before - 1);
            assertEquals(Math.min(RUNS, before + ExperimentsViewModel.PAGE_SIZE), model.runs().size());
        }
        assertEquals("3,000 runs", model.statusProperty().get());
        List<String> ids = model.runs().stream().map(RunSummary::runId).toList();
        assertEquals(RUNS, new HashSet<>(ids).size());
        assertEquals("g-2999", ids.get(0));
        assertEquals("g-0", ids.get(RUNS - 1));
    }

    @Test
    void sortingAndFilteringStayInTheCacheAndStartOver() {
        model.rowShown(199);
        assertEquals(400, model.runs().size());
        model.sortBy(RunColumn.metric("loss"), true);
        assertEquals(200, model.runs().size());
        assertEquals("g-0", model.runs().get(0).runId());
        model.applyFilter("metrics.loss >= 2900");
        assertEquals(100, model.totalProperty().get());
        assertEquals("100 runs", model.statusProperty().get());
        assertEquals("g-2900", model.runs().get(0).runId());
    }

    @Test
    void runsNestedUnderACollapsedRunStillLoadAsThatRowIsShown() {
        rows.context().database().write(c -> {
            try (var st = c.prepareStatement("UPDATE runs SET parent_run_id = 'g-2999' WHERE run_id <> 'g-2999'")) {
                return st.executeUpdate();
            }
        });
        model.refresh();
        RunSummary parent = model.runs().get(0);
        assertEquals("g-2999", parent.runId());
        model.nesting().toggle(parent);
        assertEquals(List.of(parent), model.nesting().rows());

        model.rowShown(0);

        assertEquals(RUNS, model.runs().size());
        assertEquals(List.of(parent), model.nesting().rows());
        assertEquals("3,000 runs", model.statusProperty().get());
    }
}
