package dev.braid.repos.ui;

import java.util.List;

/**
 * What the graph column draws for one commit: its dot in lane {@code column} and the line pieces
 * crossing its row. Lanes are numbered from the left, starting at 0.
 *
 * @param column the lane of this commit's dot
 * @param color the colour index of the dot
 * @param merge whether the commit has more than one parent (drawn as a ring)
 * @param segments the line pieces in this row
 * @param width how many lanes this row uses, for sizing the cell
 */
public record GraphRow(int column, int color, boolean merge, List<Segment> segments, int width) {
    public GraphRow {
        segments = List.copyOf(segments);
    }

    /** Which part of the row a line piece spans. */
    public enum Part {
        /** From the top of lane {@code from} to the bottom of lane {@code to}: a line passing by. */
        THROUGH,
        /** From the top of lane {@code from} into the dot: a child above continues into this commit. */
        INTO_DOT,
        /** From the dot to the bottom of lane {@code to}: towards one of this commit's parents. */
        FROM_DOT
    }

    /** One straight line piece. {@code from} is the lane at its upper end, {@code to} at its lower end. */
    public record Segment(Part part, int from, int to, int color) {
    }
}
