package dev.braid.lineage.ui;

import dev.braid.lineage.LineageNode;
import dev.braid.ui.TaskRunner;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What the details panel shows of the selected node, and its "Open in …" link to the screen that shows it. */
final class SelectionDetails {
    private final LineageLinks links;
    private final TaskRunner runner;
    private final ObservableList<DetailRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper linkLabel = new ReadOnlyStringWrapper(this, "linkLabel", "");

    SelectionDetails(LineageLinks links, TaskRunner runner) {
        this.links = links;
        this.runner = runner;
    }

    ObservableList<DetailRow> rows() {
        return rows;
    }

    ReadOnlyStringProperty linkLabelProperty() {
        return linkLabel.getReadOnlyProperty();
    }

    void describe(LineageNode node) {
        rows.setAll(node == null ? List.of() : NodeDetails.rows(node));
        linkLabel.set(node == null ? "" : NodeDetails.linkLabel(node));
    }

    /** Opens {@code node} in its screen; {@code status} hears when no indexed source has it. */
    void open(LineageNode node, Consumer<String> status, Consumer<Throwable> failed) {
        if (node == null || linkLabel.get().isEmpty()) {
            return;
        }
        runner.run(() -> links.opener(node), opener -> opener.ifPresentOrElse(Runnable::run,
                () -> status.accept(node.name() + " is not in any source Braid has indexed.")), failed);
    }
}
