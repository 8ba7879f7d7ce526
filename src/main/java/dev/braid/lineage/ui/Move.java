package dev.braid.lineage.ui;

/** Keyboard moves of the selection: left goes upstream, right downstream, up and down among siblings. */
public enum Move {
    UPSTREAM, DOWNSTREAM, PREVIOUS_SIBLING, NEXT_SIBLING
}
