package dev.braid.shell;

import dev.braid.ui.sources.SourceGroup;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The page shown on first start, when there are no sources yet: a card per family of sources
 * (each opens the Add-source dialog on it) and the demo workspace.
 */
public final class WelcomeView {
    private final ScrollPane root;

    public WelcomeView(WelcomeViewModel model) {
        Label title = new Label("Welcome to Braid");
        title.getStyleClass().add("title-1");
        Label intro = new Label("Braid keeps your repositories, experiments, features, pipelines and the lineage that joins "
                + "them in one local cache, so it opens instantly and works offline. Add what your team already has, "
                + "or explore the demo workspace first:");
        intro.setWrapText(true);
        intro.setMaxWidth(720);

        FlowPane actions = new FlowPane(16, 16);
        actions.setAlignment(Pos.CENTER);
        actions.setPrefWrapLength(4 * 236);
        actions.setMaxWidth(4 * 236 + 16);
        for (SourceGroup group : model.groups()) {
            Button card = card(group.title(), group.description(), group.icon());
            card.setId("welcome-" + group.id());
            card.setOnAction(event -> model.add(group));
            actions.getChildren().add(card);
        }
        Button demo = card("Open demo workspace", "A small ML project with history, experiments and lineage to explore",
                Feather.BOX);
        demo.setId("welcomeOpenDemo");
        demo.setOnAction(event -> model.openDemo());
        if (model.demoAvailable()) {
            demo.disableProperty().bind(model.demoBusyProperty());
        } else {
            demo.setDisable(true);
        }
        actions.getChildren().add(demo);

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(24, 24);
        busy.visibleProperty().bind(model.demoBusyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label message = new Label();
        message.setId("welcomeMessage");
        message.setWrapText(true);
        message.setMaxWidth(720);
        message.textProperty().bind(model.messageProperty());

        VBox page = new VBox(20, title, intro, actions, busy, message);
        page.setId("welcome");
        page.getStyleClass().add("welcome");
        page.setAlignment(Pos.CENTER);
        root = new ScrollPane(page);
        root.setFitToWidth(true);
        root.setFitToHeight(true);
        root.getStyleClass().add("edge-to-edge");
    }

    public Node node() {
        return root;
    }

    /** A card: icon, title, a sentence under it; its text wraps and always shows in full. */
    private static Button card(String title, String explanation, Feather icon) {
        FontIcon graphic = new FontIcon(icon);
        graphic.setIconSize(28);
        Button button = new Button(title + "\n" + explanation, graphic);
        button.setContentDisplay(ContentDisplay.TOP);
        button.getStyleClass().add("welcome-action");
        button.setWrapText(true);
        button.setMnemonicParsing(false);
        button.setPrefSize(220, 176);
        button.setMinSize(220, 176);
        button.setMaxSize(220, 176);
        return button;
    }
}
