package dev.braid.shell.sources;

import dev.braid.shell.SourceStatus;
import dev.braid.ui.ColumnWidths;
import dev.braid.ui.Formats;
import dev.braid.ui.KeptSelection;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Sources page: a table of every source with its health dot, kind, state, last success,
 * location and last problem; under it the selected source's whole story (wrapped, copyable); and
 * the actions: Add source…, Sync now, Pause or Resume, Edit…, Remove… (which first says what
 * removing takes away). The selection stays put while syncs update the rows.
 */
public final class SourcesView {
    private final SourcesViewModel model;
    private final Clock clock;
    private final Runnable addSource;
    private final VBox root;
    private final TableView<SourceStatus> table = new TableView<>();

    public SourcesView(SourcesViewModel model, Clock clock, Runnable addSource) {
        this.model = model;
        this.clock = clock;
        this.addSource = addSource;
        Label title = new Label("Sources");
        title.getStyleClass().add("title-2");
        KeptSelection<SourceStatus, Long> kept = new KeptSelection<>(model.sources(), SourceStatus::sourceId);
        table.setItems(kept.items());
        kept.attach(table.getSelectionModel());
        table.setId("sourcesTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(healthColumn());
        table.getColumns().add(column("name", "Name", 190, SourceStatus::name));
        table.getColumns().add(column("kind", "Kind", 80, s -> s.source().kind()));
        table.getColumns().add(column("state", "State", 140, SourceStatus::state));
        table.getColumns().add(column("lastSuccess", "Last success", 120, s -> Formats.ago(s.lastSuccess(), clock.instant())));
        table.getColumns().add(column("location", "Location", 300, s -> s.source().location()));
        table.getColumns().add(column("problem", "Last problem", 320, s -> s.health() == SourceStatus.Health.OK
                || s.lastError() == null ? "" : s.lastError()));
        table.setPlaceholder(placeholder());
        table.setRowFactory(view -> {
            TableRow<SourceStatus> row = new TableRow<>();
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null).otherwise(rowMenu()));
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                    edit();
                }
            });
            return row;
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        TextArea details = new TextArea();
        details.setId("sourceDetails");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(5);
        details.getStyleClass().add("source-details");
        details.textProperty().bind(Bindings.createStringBinding(() -> {
            SourceStatus selected = table.getSelectionModel().getSelectedItem();
            return selected == null ? "Select a source to see its state, its last problem in full, and where it is."
                    : selected.details(clock.instant());
        }, table.getSelectionModel().selectedItemProperty()));
        Label message = new Label();
        message.setId("sourcesMessage");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(model.messageProperty());
        root = new VBox(10, title, actions(), table, details, message);
        root.setId("sourcesView");
        root.getStyleClass().add("page");
    }

    public Node node() {
        return root;
    }

    private Node placeholder() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(28, 28);
        Label loading = new Label("Reading the sources from the cache…", spinner);
        loading.setId("sourcesLoading");
        Label empty = new Label("No sources yet. Add a git repository, an MLflow server or store, or import OpenLineage "
                + "events with Add source…");
        empty.setId("sourcesEmpty");
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        loading.visibleProperty().bind(model.loadedProperty().not());
        empty.visibleProperty().bind(model.loadedProperty());
        return new StackPane(loading, empty);
    }

    private HBox actions() {
        Button add = button("Add source…", Feather.PLUS, "sourcesAdd", addSource::run);
        Button sync = button("Sync now", Feather.REFRESH_CW, "sourcesSync", () -> selected(model::syncNow));
        Button pause = button("Pause", Feather.PAUSE, "sourcesPause", () -> selected(s -> model.setPaused(s, !s.paused())));
        pause.textProperty().bind(Bindings.createStringBinding(() -> {
            SourceStatus s = table.getSelectionModel().getSelectedItem();
            return s != null && s.paused() ? "Resume" : "Pause";
        }, table.getSelectionModel().selectedItemProperty()));
        Button edit = button("Edit…", Feather.EDIT_2, "sourcesEdit", this::edit);
        Button remove = button("Remove…", Feather.TRASH_2, "sourcesRemove", this::remove);
        for (Button b : new Button[] {sync, pause, edit, remove}) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        }
        HBox bar = new HBox(8, add, sync, pause, edit, remove);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private ContextMenu rowMenu() {
        MenuItem sync = new MenuItem("Sync now");
        sync.setOnAction(e -> selected(model::syncNow));
        MenuItem pause = new MenuItem("Pause or resume");
        pause.setOnAction(e -> selected(s -> model.setPaused(s, !s.paused())));
        MenuItem edit = new MenuItem("Edit or rename…");
        edit.setOnAction(e -> edit());
        MenuItem remove = new MenuItem("Remove…");
        remove.setOnAction(e -> remove());
        ContextMenu menu = new ContextMenu(sync, pause, edit, remove);
        menu.getItems().forEach(item -> item.setMnemonicParsing(false));
        return menu;
    }

    private void edit() {
        selected(status -> new EditSourceDialog(model.edit(status), window()).show());
    }

    /** Asks first, saying what removing takes away; the source's own repository, store or server is never touched. */
    private void remove() {
        selected(status -> model.previewRemoval(status, preview -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
            confirm.initOwner(window());
            confirm.setTitle("Remove " + status.name());
            confirm.setHeaderText("Remove " + status.name() + " and everything Braid cached from it?");
            confirm.setContentText("This deletes " + preview.summary() + " from Braid's cache"
                    + (preview.files().isEmpty() ? "" : " and " + preview.files().size() + " folder(s) Braid made for it")
                    + ". The " + (status.source().kind().equals("git") ? "repository" : "source") + " itself is not touched;"
                    + " you can add it again later.");
            confirm.getDialogPane().setId("removeSourceDialog");
            confirm.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
            ButtonType removeButton = new ButtonType("Remove", ButtonBar.ButtonData.OK_DONE);
            confirm.getButtonTypes().setAll(removeButton, ButtonType.CANCEL);
            confirm.getDialogPane().lookupButton(removeButton).setId("removeSourceConfirm");
            confirm.showAndWait().filter(removeButton::equals).ifPresent(b -> model.remove(status));
        }));
    }

    private void selected(java.util.function.Consumer<SourceStatus> action) {
        SourceStatus status = table.getSelectionModel().getSelectedItem();
        if (status != null) {
            action.accept(status);
        }
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private static Button button(String text, Feather icon, String id, Runnable action) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setMnemonicParsing(false);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setOnAction(e -> action.run());
        return button;
    }

    private static TableColumn<SourceStatus, String> healthColumn() {
        TableColumn<SourceStatus, String> column = new TableColumn<>("");
        column.setId("health");
        column.setPrefWidth(34);
        column.setMinWidth(34);
        column.setMaxWidth(34);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().health().name().toLowerCase(Locale.ROOT)));
        column.setCellFactory(c -> new TableCell<>() {
            private final Circle dot = new Circle(5);

            @Override
            protected void updateItem(String health, boolean empty) {
                super.updateItem(health, empty);
                dot.getStyleClass().setAll("source-dot", "source-dot-" + health);
                setGraphic(empty || health == null ? null : dot);
                setAlignment(Pos.CENTER);
            }
        });
        return column;
    }

    private static TableColumn<SourceStatus, String> column(String id, String title, double width,
                                                            Function<SourceStatus, String> value) {
        TableColumn<SourceStatus, String> column = new TableColumn<>(title);
        column.setId(id);
        column.setPrefWidth(width);
        ColumnWidths.keepHeadingWhole(column);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
                setMnemonicParsing(false);
            }
        });
        return column;
    }
}
