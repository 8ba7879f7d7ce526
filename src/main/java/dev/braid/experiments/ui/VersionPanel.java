package dev.braid.experiments.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/**
 * Content another feature shows under the versions table for the chosen version (its governance:
 * scan, environment, labels, BOM, promotion). Created once with the Models tab.
 */
@FunctionalInterface
public interface VersionPanel {
    /** The panel, following {@code selected} (null when no version is chosen). */
    Node create(ObservableValue<SelectedVersion> selected);
}
