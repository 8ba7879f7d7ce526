package dev.braid.experiments.ui;

/** The model version chosen in the Models tab, for panels other features add beside it. */
public record SelectedVersion(long sourceId, String sourceName, String model, String version) {
}
