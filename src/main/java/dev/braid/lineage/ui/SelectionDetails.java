package dev.braid.lineage.ui;

import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeFacts;
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
    private NodeFacts facts = NodeFacts.NONE;
    private LineageNode described;

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

    /** Where extra rows come from (another feature's verdicts about nodes). */
    void setFacts(NodeFacts facts) {
        this.facts = facts == null ? NodeFacts.NONE : facts;
    }

    void describe(LineageNode node) {
        described = node;
        rows.setAll(node == null ? List.of() : NodeDetails.rows(node));
        linkLabel.set(node == null ? "" : NodeDetails.linkLabel(node));
        if (node != null && facts != NodeFacts.NONE) {
            runner.run(() -> facts.facts(node), extra -> {
                if (described == node) {
                    extra.forEach(f -> rows.add(new DetailRow(f.label(), f.value())));
                }
            }, failure -> {
                if (described == node) {
                    rows.add(new DetailRow("Governance", "unavailable: " + failure.getMessage()));
                }
            });
        }
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
