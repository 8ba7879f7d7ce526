package dev.braid.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The toolbar: Add source, Sync now with its progress and Cancel, and the global search box. */
final class ShellToolbar {
    private final HBox root;
    private final TextField search = new TextField();
    private ListView<SearchRow> results;

    ShellToolbar(SyncStatusViewModel sync, SearchViewModel searchModel, ListView<SearchRow> results, Runnable addSource) {
        this.results = results;
        Label title = new Label("Braid");
        title.getStyleClass().add("app-title");
        Button add = new Button("Add source…", new FontIcon(Feather.PLUS));
        add.setMnemonicParsing(false);
        add.setId("addSourceButton");
        add.setOnAction(event -> addSource.run());
        Button syncNow = new Button("Sync now", new FontIcon(Feather.REFRESH_CW));
        syncNow.setMnemonicParsing(false);
        syncNow.setId("syncNowButton");
        syncNow.setOnAction(event -> sync.syncNow());
        syncNow.disableProperty().bind(sync.syncingProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("syncProgress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(sync.progressProperty());
        Button cancel = new Button("Cancel", new FontIcon(Feather.X));
        cancel.setMnemonicParsing(false);
        cancel.setId("cancelSyncButton");
        cancel.setOnAction(event -> sync.cancel());
        for (Node node : new Node[] {progress, cancel}) {
            node.visibleProperty().bind(sync.syncingProperty());
            node.managedProperty().bind(node.visibleProperty());
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        search.setId("globalSearch");
        search.setPromptText("Search everything (Ctrl+K)");
        search.setPrefColumnCount(30);
        search.textProperty().addListener((obs, old, now) -> searchModel.search(now));
        search.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DOWN && searchModel.first() != null) {
                this.results.requestFocus();
                this.results.getSelectionModel().select(searchModel.first());
                event.consume();
            } else if (event.getCode() == KeyCode.ENTER && searchModel.first() != null) {
                searchModel.choose(searchModel.first());
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE) {
                search.clear();
                event.consume();
            }
        });
        HBox searchBox = new HBox(6, new FontIcon(Feather.SEARCH), search);
        searchBox.setAlignment(Pos.CENTER_LEFT);

        root = new HBox(8, title, add, syncNow, progress, cancel, spacer, searchBox);
        root.getStyleClass().add("shell-toolbar");
        root.setAlignment(Pos.CENTER_LEFT);
    }

    Node node() {
        return root;
    }

    /** The results list the arrow keys move into. */
    void useResults(ListView<SearchRow> list) {
        this.results = list;
    }

    TextField searchField() {
        return search;
    }
}
