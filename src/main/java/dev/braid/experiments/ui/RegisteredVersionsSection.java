package dev.braid.experiments.ui;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The run detail's "Registered versions" section: model versions and logged models made by the run, as links. */
final class RegisteredVersionsSection {
    private RegisteredVersionsSection() {
    }

    static Node create(RunDetailViewModel model) {
        Label title = new Label("Registered versions");
        title.getStyleClass().add("title-4");
        FlowPane links = new FlowPane(8, 4);
        links.setId("runRegisteredVersions");
        Label none = new Label("No model versions or logged models were made from this run.");
        none.getStyleClass().add("text-muted");
        Runnable fill = () -> {
            links.getChildren().clear();
            for (ModelLink link : model.registered()) {
                Hyperlink h = new Hyperlink(link.label());
                h.setMnemonicParsing(false);
                h.getStyleClass().add("registered-version-link");
                h.setOnAction(e -> model.openRegistered(link));
                links.getChildren().add(h);
            }
            if (links.getChildren().isEmpty()) {
                links.getChildren().add(none);
            }
        };
        model.registered().addListener((ListChangeListener<ModelLink>) change -> fill.run());
        fill.run();
        return new VBox(2, title, links);
    }
}
