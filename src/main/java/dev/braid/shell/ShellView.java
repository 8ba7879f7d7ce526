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
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
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
    private final javafx.scene.control.TextField searchField;

    public ShellView(ShellViewModel model, SyncStatusViewModel sync, SearchViewModel search,
                     Runnable addSource, Function<Page, Node> pages, Clock clock) {
        this.model = model;
        this.pages = pages;
        ShellToolbar toolbar = new ShellToolbar(sync, search, new ListView<>(), addSource);
        this.searchField = toolbar.searchField();
        ListView<SearchRow> results = searchResults(search);
        toolbar.useResults(results);
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
        Label none = new Label();
        none.setId("searchStatus");
        none.getStyleClass().addAll("search-results", "search-none");
        none.textProperty().bind(search.statusProperty());
        none.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(search.rows()).and(search.statusProperty().isNotEmpty())
                .and(toolbar.searchField().focusedProperty()));
        none.setMouseTransparent(true);
        centre.getChildren().add(none);
        StackPane.setAlignment(none, Pos.TOP_RIGHT);
        results.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(search.rows())
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
            case AUDIT -> Feather.SHIELD;
            case SYNC_LOG -> Feather.LIST;
            case SETTINGS -> Feather.SETTINGS;
            case WELCOME -> Feather.INBOX;
        };
    }

    /**
     * The results floating under the search box: each kind's heading, then its results; arrows move
     * over the results (never onto a heading), Enter or a click opens one, Escape goes back to the box.
     */
    private ListView<SearchRow> searchResults(SearchViewModel search) {
        ListView<SearchRow> results = new ListView<>(search.rows());
        results.setId("searchResults");
        results.getStyleClass().add("search-results");
        results.setMaxWidth(640);
        results.setPrefWidth(640);
        results.maxHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.min(480, search.rows().size() * 34 + 6.0), search.rows()));
        results.setCellFactory(list -> new SearchCell());
        results.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            int index = now.intValue();
            if (index >= 0 && index < results.getItems().size() && results.getItems().get(index).isHeading()) {
                // Headings are not results: step over them in the direction of travel.
                int next = old.intValue() > index ? index - 1 : index + 1;
                if (next >= 0 && next < results.getItems().size()) {
                    results.getSelectionModel().clearAndSelect(next);
                } else {
                    results.getSelectionModel().clearAndSelect(old.intValue());
                }
            }
        });
        results.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            SearchRow row = results.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && row != null) {
                search.choose(row);
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE || event.getCode() == KeyCode.UP
                    && results.getSelectionModel().getSelectedItem() == search.first()) {
                searchField.requestFocus();
                event.consume();
            }
        });
        results.setOnMouseClicked(event -> {
            SearchRow row = results.getSelectionModel().getSelectedItem();
            if (row != null && !row.isHeading()) {
                search.choose(row);
            }
        });
        return results;
    }

    /** A heading (bold, not selectable) or a result: icon, title and where it is. */
    private static final class SearchCell extends ListCell<SearchRow> {
        @Override
        protected void updateItem(SearchRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("search-heading", "search-hit");
            setMnemonicParsing(false);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                setDisable(false);
                return;
            }
            if (row.isHeading()) {
                setText(row.heading());
                setGraphic(null);
                getStyleClass().add("search-heading");
                setDisable(false);
                setMouseTransparent(true);
                setFocusTraversable(false);
                return;
            }
            setMouseTransparent(false);
            Label title = new Label(row.result().title());
            title.setMnemonicParsing(false);
            title.getStyleClass().add("search-hit-title");
            Label detail = new Label(row.result().detail());
            detail.setMnemonicParsing(false);
            detail.getStyleClass().addAll("text-muted", "search-hit-detail");
            title.setMinWidth(Region.USE_PREF_SIZE);
            HBox line = new HBox(8, new FontIcon(row.result().icon()), title, detail);
            line.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(line);
            setTooltip(new javafx.scene.control.Tooltip(row.toString()));
            getStyleClass().add("search-hit");
        }
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
