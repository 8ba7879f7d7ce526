package dev.braid.shell;

import java.io.File;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The page shown on first start, when there are no sources yet. */
public final class WelcomeView {
    private final WelcomeViewModel model;
    private final VBox root;

    public WelcomeView(WelcomeViewModel model) {
        this.model = model;
        Label title = new Label("Welcome to Braid");
        title.getStyleClass().add("title-1");
        Label intro = new Label("Braid keeps your repositories, experiments, features, pipelines and the lineage that joins "
                + "them in one local cache, so it opens instantly and works offline. Start with a git repository:");
        intro.setWrapText(true);
        intro.setMaxWidth(620);

        Button open = action("Open repository…", "A git repository folder on this computer", Feather.FOLDER);
        open.setId("welcomeOpenRepository");
        open.setOnAction(event -> chooseFolder());
        Button clone = action("Clone repository…", "Copy a repository from a URL into Braid's data folder", Feather.DOWNLOAD_CLOUD);
        clone.setId("welcomeCloneRepository");
        clone.setOnAction(event -> cloneRepository());
        Button demo = action("Open demo workspace", "A small example project with history to explore", Feather.BOX);
        demo.setId("welcomeOpenDemo");
        demo.setOnAction(event -> model.openDemo());
        if (model.demoAvailable()) {
            demo.disableProperty().bind(model.demoBusyProperty());
        } else {
            demo.setDisable(true);
        }
        HBox actions = new HBox(16, open, clone, demo);
        actions.setAlignment(Pos.CENTER);

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(24, 24);
        busy.visibleProperty().bind(model.demoBusyProperty().or(model.addSource().busyProperty()));
        busy.managedProperty().bind(busy.visibleProperty());
        Label message = new Label();
        message.setId("welcomeMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label error = new Label();
        error.setId("welcomeError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(model.addSource().errorProperty());
        Label progress = new Label();
        progress.textProperty().bind(model.addSource().progressMessageProperty());

        root = new VBox(20, title, intro, actions, busy, message, progress, error);
        root.setId("welcome");
        root.getStyleClass().add("welcome");
        root.setAlignment(Pos.CENTER);
        root.setFillWidth(false);
    }

    public Node node() {
        return root;
    }

    private void cloneRepository() {
        model.addSource().reset();
        new AddSourceDialog(model.addSource(), root.getScene().getWindow(), "Clone repository",
                "Enter the URL to clone, for example https://github.com/team/project.git.",
                model::added).show();
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a git repository");
        File folder = chooser.showDialog(root.getScene().getWindow());
        if (folder != null) {
            model.openFolder(folder.getAbsolutePath());
        }
    }

    private static Button action(String text, String explanation, Feather icon) {
        FontIcon graphic = new FontIcon(icon);
        graphic.setIconSize(28);
        Button button = new Button(text + "\n" + explanation, graphic);
        button.setContentDisplay(ContentDisplay.TOP);
        button.getStyleClass().add("welcome-action");
        button.setWrapText(true);
        button.setPrefSize(220, 130);
        return button;
    }
}
