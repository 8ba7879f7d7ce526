package dev.braid.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * A screen whose source kind Braid cannot sync yet: it says what it will show and where that data
 * will come from, and shows nothing made up.
 */
public final class PlaceholderView {
    private final VBox root;

    public PlaceholderView(PlaceholderViewModel model) {
        Label title = new Label(model.title());
        title.getStyleClass().add("title-2");
        Label what = paragraph(model.whatItWillShow());
        Label how = paragraph(model.howToFeedIt());
        Label empty = paragraph(model.emptyNote());
        empty.getStyleClass().add("text-muted");
        root = new VBox(14, title, what, how, empty);
        root.setId("placeholder-" + model.page().id());
        root.getStyleClass().add("placeholder-page");
        root.setAlignment(Pos.TOP_LEFT);
    }

    public Node node() {
        return root;
    }

    private static Label paragraph(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMaxWidth(680);
        return label;
    }
}
