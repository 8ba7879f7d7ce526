package dev.braid.lineage;

import java.util.List;

/**
 * What a walk from a node reached, nearest first (the node itself first, at depth 0), and whether
 * it stopped short: {@code stoppedAtDepth} is the last depth walked when nodes lie beyond it (-1
 * when the walk reached every node there is), {@code more} how many lie beyond ({@code moreIsAtLeast}
 * when counting stopped at a cap).
 */
public record Reach(List<ReachedNode> nodes, Direction direction, int stoppedAtDepth, int more, boolean moreIsAtLeast) {
    public Reach {
        nodes = List.copyOf(nodes);
    }

    public boolean complete() {
        return stoppedAtDepth < 0;
    }

    /** "stopped at depth 4; 37 more nodes upstream, use --depth" or "" when complete. */
    public String note() {
        if (complete()) {
            return "";
        }
        return "stopped at depth " + stoppedAtDepth + "; " + (moreIsAtLeast ? "at least " : "") + more + " more node"
                + (more == 1 ? "" : "s") + " " + (direction == Direction.UPSTREAM ? "upstream" : "downstream") + ", use --depth";
    }
}
