package dev.braid.shell;

import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Fills the window when the cache cannot be opened: what is wrong, where, what can be done, and
 * the choices — move the cache aside and start fresh (when that makes sense) or quit. Shown in the
 * window itself rather than in a dialog so it is never hidden behind another window.
 */
public final class CacheProblemView {
    private final VBox root;

    public CacheProblemView(CacheProblemViewModel model) {
        FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
        icon.setIconSize(40);
        icon.getStyleClass().add("error-icon");
        Label title = new Label(model.summary());
        title.setId("cacheProblemSummary");
        title.getStyleClass().add("title-2");
        title.setWrapText(true);
        Label message = new Label(model.details());
        message.setId("cacheProblemDetails");
        message.setWrapText(true);
        message.setMaxWidth(640);
        HBox buttons = new HBox(12);
        buttons.setAlignment(Pos.CENTER);
        if (model.canRebuild()) {
            Button move = new Button("Move the cache aside and start fresh");
            move.setId("cacheProblemRebuild");
            move.setDefaultButton(true);
            move.setOnAction(event -> model.rebuild());
            move.disableProperty().bind(model.busyProperty());
            buttons.getChildren().add(move);
        }
        Button exit = new Button("Quit");
        exit.setId("cacheProblemQuit");
        exit.setCancelButton(true);
        exit.setOnAction(event -> model.quit());
        buttons.getChildren().add(exit);
        root = new VBox(16, icon, title, message, buttons);
        root.setId("cacheProblem");
        root.getStyleClass().add("page");
        root.setAlignment(Pos.CENTER);
    }

    public Parent node() {
        return root;
    }
}
