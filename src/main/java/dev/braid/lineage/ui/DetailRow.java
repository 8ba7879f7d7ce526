package dev.braid.lineage.ui;

/** One line of the selected node's details: a label and its value. */
public record DetailRow(String label, String value) {
}
