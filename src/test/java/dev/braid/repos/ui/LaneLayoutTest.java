package dev.braid.repos.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.repos.CommitRow;
import dev.braid.repos.ui.GraphRow.Part;
import dev.braid.repos.ui.GraphRow.Segment;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneLayoutTest {

    private static CommitRow commit(String hash, String... parents) {
        return new CommitRow(hash, Arrays.asList(parents), "Ada", "ada@example.org", OffsetDateTime.now(), "subject " + hash);
    }

    private static List<Segment> of(GraphRow row, Part part) {
        return row.segments().stream().filter(s -> s.part() == part).toList();
    }

    @Test
    void linearHistoryStaysInOneLane() {
        List<GraphRow> rows = new LaneLayout().next(List.of(commit("c", "b"), commit("b", "a"), commit("a")));

        for (GraphRow row : rows) {
            assertEquals(0, row.column());
            assertEquals(1, row.width());
            assertFalse(row.merge());
        }
        assertEquals(List.of(new Segment(Part.FROM_DOT, 0, 0, 0)), rows.get(0).segments());
        assertEquals(List.of(new Segment(Part.INTO_DOT, 0, 0, 0)), rows.get(2).segments());
    }

    @Test
    void mergeOpensALaneForTheSecondParentThatRejoinsAtTheForkPoint() {
        LaneLayout layout = new LaneLayout();
        GraphRow merge = layout.next(commit("m", "c2", "f1"));
        GraphRow feature = layout.next(commit("f1", "c1"));
        GraphRow main = layout.next(commit("c2", "c1"));
        GraphRow fork = layout.next(commit("c1"));

        assertTrue(merge.merge());
        assertEquals(0, merge.column());
        assertEquals(List.of(new Segment(Part.FROM_DOT, 0, 0, 0), new Segment(Part.FROM_DOT, 0, 1, 1)), merge.segments());
        assertEquals(1, feature.column());
        assertEquals(1, feature.color());
        assertTrue(feature.segments().contains(new Segment(Part.THROUGH, 0, 0, 0)));
        assertEquals(0, main.column());
        assertEquals(0, fork.column());
        assertEquals(List.of(new Segment(Part.INTO_DOT, 0, 0, 0), new Segment(Part.INTO_DOT, 1, 0, 1)), fork.segments());
        assertEquals(0, layout.openLanes());
    }

    @Test
    void octopusMergeFansOutToEveryParent() {
        LaneLayout layout = new LaneLayout();
        GraphRow octopus = layout.next(commit("o", "a", "b", "c"));

        assertTrue(octopus.merge());
        List<Segment> out = of(octopus, Part.FROM_DOT);
        assertEquals(List.of(0, 1, 2), out.stream().map(Segment::to).toList());
        assertEquals(3, out.stream().map(Segment::color).distinct().count());
        assertEquals(3, octopus.width());

        assertEquals(0, layout.next(commit("a", "root")).column());
        assertEquals(1, layout.next(commit("b", "root")).column());
        assertEquals(2, layout.next(commit("c", "root")).column());
        GraphRow root = layout.next(commit("root"));
        assertEquals(3, of(root, Part.INTO_DOT).size());
        assertEquals(0, layout.openLanes());
    }

    @Test
    void secondParentAlreadyWaitedForJoinsThatLane() {
        LaneLayout layout = new LaneLayout();
        layout.next(commit("tip", "x"));
        layout.next(commit("other", "y"));
        GraphRow merge = layout.next(commit("x", "z", "y"));

        assertEquals(List.of(0, 1), of(merge, Part.FROM_DOT).stream().map(Segment::to).toList());
        assertEquals(2, layout.openLanes());
    }

    @Test
    void branchTipStartsANewLaneWithoutALineFromAbove() {
        LaneLayout layout = new LaneLayout();
        layout.next(commit("main2", "main1"));
        GraphRow tip = layout.next(commit("feature", "main1"));

        assertEquals(1, tip.column());
        assertTrue(of(tip, Part.INTO_DOT).isEmpty());
        assertEquals(List.of(new Segment(Part.THROUGH, 0, 0, 0)), of(tip, Part.THROUGH));
        GraphRow fork = layout.next(commit("main1"));
        assertEquals(2, of(fork, Part.INTO_DOT).size());
    }

    @Test
    void laneOfABranchThatEndsIsClosedUpAndLinesToTheRightMoveLeft() {
        LaneLayout layout = new LaneLayout();
        layout.next(commit("a", "a0"));
        layout.next(commit("b", "b0"));
        layout.next(commit("c", "c0"));
        GraphRow rootOfA = layout.next(commit("a0"));

        assertEquals(0, rootOfA.column());
        assertEquals(3, rootOfA.width());
        assertEquals(List.of(new Segment(Part.INTO_DOT, 0, 0, 0), new Segment(Part.THROUGH, 1, 0, 1),
                new Segment(Part.THROUGH, 2, 1, 2)), rootOfA.segments());
        assertEquals(2, layout.openLanes());
        assertEquals(0, layout.next(commit("b0")).column());
    }

    @Test
    void pagesLaidOutOneAfterAnotherMatchOneLayout() {
        List<CommitRow> history = List.of(commit("m", "c2", "f1"), commit("f1", "c1"), commit("c2", "c1"), commit("c1"));
        List<GraphRow> whole = new LaneLayout().next(history);
        LaneLayout paged = new LaneLayout();
        List<GraphRow> first = paged.next(history.subList(0, 2));
        List<GraphRow> second = paged.next(history.subList(2, 4));

        assertEquals(whole.subList(0, 2), first);
        assertEquals(whole.subList(2, 4), second);
    }
}
