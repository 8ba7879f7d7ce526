package dev.braid.lineage;

/** Which way to walk: along the edges (what depends on a node) or against them (what it came from). */
public enum Direction {
    UPSTREAM, DOWNSTREAM
}
