package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.RunSummary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class RunTreeTest {
    static RunSummary run(String id, String parent) {
        return new RunSummary(id.hashCode(), 1, id, "1", "churn", id, "ada", "FINISHED", 0L, 0L, parent, null,
                Map.of(), Map.of(), Map.of());
    }

    private static List<String> shown(List<RunTree.Line> lines) {
        return lines.stream().map(l -> "  ".repeat(l.depth()) + l.run().runId() + (l.hasChildren() ? (l.expanded() ? " -" : " +") : ""))
                .toList();
    }

    @Test
    void childrenSitUnderTheirParentInTheGivenOrder() {
        List<RunSummary> runs = List.of(run("c2", "p"), run("q", null), run("p", null), run("g", "c1"), run("c1", "p"));

        assertEquals(List.of("q", "p -", "  c2", "  c1 -", "    g"), shown(new RunTree(runs).lines(Set.of())));
    }

    @Test
    void aChildWhoseParentIsNotLoadedIsTopLevel() {
        List<RunSummary> runs = List.of(run("orphan", "gone"), run("p", null));

        assertEquals(List.of("orphan", "p"), shown(new RunTree(runs).lines(Set.of())));
    }

    @Test
    void aCollapsedRunHidesItsDescendants() {
        List<RunSummary> runs = List.of(run("p", null), run("c", "p"), run("g", "c"), run("q", null));

        assertEquals(List.of("p +", "q"), shown(new RunTree(runs).lines(Set.of("1/p"))));
        assertEquals(List.of("p -", "  c +", "q"), shown(new RunTree(runs).lines(Set.of("1/c"))));
    }

    @Test
    void parentsAreMatchedWithinTheirOwnSource() {
        RunSummary elsewhere = new RunSummary(9, 2, "c", "1", "churn", "c", "ada", "FINISHED", 0L, 0L, "p", null,
                Map.of(), Map.of(), Map.of());

        assertEquals(List.of("p", "c"), shown(new RunTree(List.of(run("p", null), elsewhere)).lines(Set.of())));
    }

    @Test
    void runsInAParentCycleAreStillShown() {
        List<RunSummary> runs = List.of(run("a", "b"), run("b", "a"), run("self", "self"));

        assertEquals(List.of("self", "a -", "  b"), shown(new RunTree(runs).lines(Set.of())));
    }

    @Test
    void nestingFollowsTheLoadedRunsAndRemembersWhatWasCollapsed() {
        ObservableList<RunSummary> runs = FXCollections.observableArrayList(run("c", "p"), run("p", null));
        RunNesting nesting = new RunNesting(runs);
        assertEquals(List.of("p", "c"), nesting.rows().stream().map(RunSummary::runId).toList());
        assertEquals(1, nesting.depth(runs.get(0)));
        assertTrue(nesting.hasChildren(runs.get(1)));

        nesting.toggle(runs.get(1));
        assertEquals(List.of("p"), nesting.rows().stream().map(RunSummary::runId).toList());
        runs.add(run("q", null));
        assertEquals(List.of("p", "q"), nesting.rows().stream().map(RunSummary::runId).toList());
        assertFalse(nesting.isExpanded(runs.get(1)));

        nesting.setNested(false);
        assertEquals(List.of("c", "p", "q"), nesting.rows().stream().map(RunSummary::runId).toList());
        assertEquals(0, nesting.depth(runs.get(0)));
    }
}
