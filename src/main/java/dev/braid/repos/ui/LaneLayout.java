package dev.braid.repos.ui;

import dev.braid.repos.CommitRow;
import dev.braid.repos.ui.GraphRow.Part;
import dev.braid.repos.ui.GraphRow.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Assigns commits to lanes the way {@code git log --graph} does, one row at a time, for history
 * read newest first in topological order (children before parents). Each lane waits for one
 * commit: the parent its last commit named. A commit takes the leftmost lane waiting for it (other
 * lanes waiting for it join it there), or a new lane when it is a branch tip; its first parent
 * continues its lane and every further parent of a merge gets a lane of its own. Empty lanes are
 * closed up after each row, so the graph stays narrow.
 *
 * <p>The layout keeps its state between calls, so history can be laid out page by page as it is
 * read. Not thread-safe: feed it from one thread at a time, in history order.
 */
public final class LaneLayout {
    /** The commit each lane waits for; null for a lane that is free. */
    private final List<String> waiting = new ArrayList<>();
    private final List<Integer> colors = new ArrayList<>();
    private int nextColor;

    public List<GraphRow> next(List<CommitRow> commits) {
        List<GraphRow> rows = new ArrayList<>(commits.size());
        for (CommitRow commit : commits) {
            rows.add(next(commit));
        }
        return rows;
    }

    public GraphRow next(CommitRow commit) {
        List<Segment> segments = new ArrayList<>();
        int column = waiting.indexOf(commit.hash());
        boolean tip = column < 0;
        if (tip) {
            column = freeLane();
            waiting.set(column, commit.hash());
            colors.set(column, nextColor++);
        }
        int color = colors.get(column);
        int widthAbove = waiting.size();

        // Lines from the row above: lanes waiting for this commit end in its dot, others pass by.
        List<Integer> throughLanes = new ArrayList<>();
        for (int lane = 0; lane < waiting.size(); lane++) {
            String hash = waiting.get(lane);
            if (hash == null) {
                continue;
            }
            if (hash.equals(commit.hash())) {
                if (!(tip && lane == column)) {
                    segments.add(new Segment(Part.INTO_DOT, lane, column, colors.get(lane)));
                }
                if (lane != column) {
                    waiting.set(lane, null);
                }
            } else {
                throughLanes.add(lane);
            }
        }

        // Lines to the row below: first parent continues this lane, other parents fan out.
        List<Integer> parentLanes = new ArrayList<>();
        List<String> parents = commit.parents();
        waiting.set(column, parents.isEmpty() ? null : parents.get(0));
        if (!parents.isEmpty()) {
            parentLanes.add(column);
        }
        for (int i = 1; i < parents.size(); i++) {
            String parent = parents.get(i);
            int lane = waiting.indexOf(parent);
            if (lane < 0) {
                lane = freeLane();
                waiting.set(lane, parent);
                colors.set(lane, nextColor++);
            }
            parentLanes.add(lane);
        }

        int[] moved = closeUpFreeLanes();
        for (int lane : throughLanes) {
            segments.add(new Segment(Part.THROUGH, lane, moved[lane], colors.get(moved[lane])));
        }
        for (int lane : parentLanes) {
            segments.add(new Segment(Part.FROM_DOT, column, moved[lane], colors.get(moved[lane])));
        }
        int width = Math.max(widthAbove, Math.max(waiting.size(), column + 1));
        return new GraphRow(column, color, parents.size() > 1, segments, width);
    }

    /** How many lanes are open after the rows laid out so far. */
    public int openLanes() {
        return waiting.size();
    }

    private int freeLane() {
        int lane = waiting.indexOf(null);
        if (lane >= 0) {
            return lane;
        }
        waiting.add(null);
        colors.add(0);
        return waiting.size() - 1;
    }

    /** Removes free lanes; returns where each old lane index went (-1 for removed ones). */
    private int[] closeUpFreeLanes() {
        int[] moved = new int[waiting.size()];
        int target = 0;
        for (int lane = 0; lane < waiting.size(); lane++) {
            if (waiting.get(lane) == null) {
                moved[lane] = -1;
            } else {
                moved[lane] = target++;
            }
        }
        List<String> keptHashes = new ArrayList<>();
        List<Integer> keptColors = new ArrayList<>();
        for (int lane = 0; lane < waiting.size(); lane++) {
            if (waiting.get(lane) != null) {
                keptHashes.add(waiting.get(lane));
                keptColors.add(colors.get(lane));
            }
        }
        waiting.clear();
        waiting.addAll(keptHashes);
        colors.clear();
        colors.addAll(keptColors);
        return moved;
    }
}
