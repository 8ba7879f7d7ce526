package dev.braid.experiments.ui;

import dev.braid.experiments.LoggedModel;

/**
 * A logged model as the Models tab lists it: its experiment's name, its source run's label (name,
 * or short id when the run is not cached; empty without a run) and the versions registered from it.
 */
public record LoggedModelRow(LoggedModel model, String experimentName, String runLabel, String created,
                             String registeredAs) {
}
