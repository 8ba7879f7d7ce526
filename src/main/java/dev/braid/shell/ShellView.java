package dev.braid.shell;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window's frame: navigation on the left, toolbar on top, the current screen in the middle
 * (with search results floating over it) and the status bar at the bottom. Screens are built the
 * first time they are shown.
 */
public final class ShellView {
    private final ShellViewModel model;
    private final Function<Page, Node> pages;
    private final Map<Page, Node> built = new EnumMap<>(Page.class);
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ListView<Page> navigation = new ListView<>();

    public ShellView(ShellViewModel model, SyncStatusViewModel sync, SearchViewModel search,
                     Runnable addSource, Function<Page, Node> pages, Clock clock) {
        this.model = model;
        this.pages = pages;
        ListView<SearchHit> results = searchResults(search);
        ShellToolbar toolbar = new ShellToolbar(sync, search, results, addSource);
        root.setTop(toolbar.node());
        root.setLeft(navigation());
        content.setMinSize(0, 0);
        StackPane centre = new StackPane(content, results);
        centre.setMinSize(0, 0);
        StackPane.setAlignment(results, Pos.TOP_RIGHT);
        root.setCenter(centre);
        root.setBottom(new StatusBar(sync, model, clock).node());
        root.addEventFilter(KeyEvent.KEY_PRESSED, event -> shortcut(event, toolbar));
        // Results float over the screen only while the search box or the results have the focus.
        results.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(search.hits())
                .and(toolbar.searchField().focusedProperty().or(results.focusedProperty())));
        root.setId("shell");
        root.getStyleClass().add("shell");
        model.pageProperty().addListener((obs, old, now) -> showPage(now));
        if (model.pageProperty().get() != null) {
            showPage(model.pageProperty().get());
        } else {
            content.getChildren().setAll(new Label("Opening…"));
        }
    }

    public Parent root() {
        return root;
    }

    private Node navigation() {
        navigation.setId("navigation");
        navigation.getStyleClass().add("navigation");
        for (Page page : Page.values()) {
            if (page.inNavigation()) {
                navigation.getItems().add(page);
            }
        }
        navigation.setPrefWidth(180);
        navigation.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Page page, boolean empty) {
                super.updateItem(page, empty);
                setText(empty || page == null ? null : page.title());
                setGraphic(empty || page == null ? null : new FontIcon(icon(page)));
            }
        });
        navigation.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != model.pageProperty().get()) {
                model.show(now);
            }
        });
        return navigation;
    }

    private static Feather icon(Page page) {
        return switch (page) {
            case REPOSITORIES -> Feather.GIT_BRANCH;
            case EXPERIMENTS -> Feather.ACTIVITY;
            case FEATURES -> Feather.DATABASE;
            case PIPELINES -> Feather.PLAY_CIRCLE;
            case LINEAGE -> Feather.SHARE_2;
            case SOURCES -> Feather.SERVER;
            case SYNC_LOG -> Feather.LIST;
            case SETTINGS -> Feather.SETTINGS;
            case WELCOME -> Feather.INBOX;
        };
    }

    private ListView<SearchHit> searchResults(SearchViewModel search) {
        ListView<SearchHit> results = new ListView<>(search.hits());
        results.setId("searchResults");
        results.getStyleClass().add("search-results");
        results.setFixedCellSize(30);
        results.setMaxWidth(620);
        results.maxHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.min(360, search.hits().size() * 30 + 4.0), search.hits()));
        results.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(SearchHit hit, boolean empty) {
                super.updateItem(hit, empty);
                setText(empty || hit == null ? null : hit.toString());
                setGraphic(empty || hit == null ? null : new FontIcon(hit.isCommit() ? Feather.GIT_COMMIT : Feather.FOLDER));
            }
        });
        results.setOnKeyPressed(event -> {
            SearchHit hit = results.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && hit != null) {
                search.choose(hit);
            }
        });
        results.setOnMouseClicked(event -> {
            SearchHit hit = results.getSelectionModel().getSelectedItem();
            if (hit != null) {
                search.choose(hit);
            }
        });
        return results;
    }

    /** Ctrl+K (or Ctrl+F) jumps to the search box; Ctrl+1 … Ctrl+7 open the screens in navigation order. */
    private void shortcut(KeyEvent event, ShellToolbar toolbar) {
        if (!event.isShortcutDown()) {
            return;
        }
        if (event.getCode() == KeyCode.K || event.getCode() == KeyCode.F) {
            toolbar.searchField().requestFocus();
            toolbar.searchField().selectAll();
            event.consume();
        } else if (event.getCode().isDigitKey()) {
            int index = event.getCode().getCode() - KeyCode.DIGIT1.getCode();
            if (index >= 0 && index < navigation.getItems().size()) {
                model.show(navigation.getItems().get(index));
                event.consume();
            }
        }
    }

    private void showPage(Page page) {
        Node node = built.computeIfAbsent(page, pages);
        content.getChildren().setAll(node);
        if (page.inNavigation()) {
            navigation.getSelectionModel().select(page);
        } else {
            navigation.getSelectionModel().clearSelection();
        }
    }
}
