package dev.braid.lineage;

import java.util.Locale;

/**
 * The outline a node is drawn with, so kinds can be told apart at a glance and the window, SVG and
 * DOT agree: plain boxes for containers (repositories, jobs), rounded boxes for runs, pills for
 * commits and aliases, hexagons for data, cut-corner notes for models and artifacts, and a stack
 * for a cluster of folded siblings.
 */
public enum NodeShape {
    BOX("box"),
    ROUNDED("box"),
    PILL("box"),
    HEXAGON("hexagon"),
    NOTE("note"),
    STACK("box3d");

    /** The kind of the stand-in node that counts folded siblings in the explorer. */
    public static final NodeKind CLUSTER = new NodeKind("cluster");
    private final String dotShape;

    NodeShape(String dotShape) {
        this.dotShape = dotShape;
    }

    public static NodeShape of(NodeKind kind) {
        return switch (kind.id()) {
            case "repo", "job" -> BOX;
            case "commit", "alias" -> PILL;
            case "dataset", "dataset-version" -> HEXAGON;
            case "model", "model-version", "logged-model", "artifact" -> NOTE;
            case "cluster" -> STACK;
            default -> ROUNDED;
        };
    }

    /** Graphviz's name for the nearest built-in shape. */
    public String dotShape() {
        return dotShape;
    }

    /** Graphviz style attribute: rounded corners for runs and pills. */
    public String dotStyle() {
        return this == ROUNDED || this == PILL ? "rounded,filled" : "filled";
    }

    /** A run's status folded into the few colours the explorer shows: ok, failed, running, stopped or none. */
    public static String statusClass(String status) {
        String s = status == null ? "" : status.toUpperCase(Locale.ROOT);
        return switch (s) {
            case "FINISHED", "COMPLETE", "COMPLETED", "SUCCESS", "READY" -> "ok";
            case "FAILED", "FAIL", "FAILED_REGISTRATION" -> "failed";
            case "RUNNING", "START", "STARTED", "SCHEDULED", "PENDING_REGISTRATION" -> "running";
            case "KILLED", "ABORT", "ABORTED", "CANCELLED" -> "stopped";
            default -> "";
        };
    }
}
