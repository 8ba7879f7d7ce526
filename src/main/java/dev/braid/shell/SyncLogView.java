package dev.braid.shell;

import dev.braid.sync.SyncRun;
import dev.braid.ui.ColumnLayout;
import dev.braid.ui.ColumnWidths;
import dev.braid.ui.Formats;
import java.time.ZoneId;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The sync log: one row per past sync run. */
public final class SyncLogView {
    public static final String TABLE_ID = "sync-log";
    /** As long as every time the log shows ({@link Formats#dateTimeSeconds}). */
    private static final String TIME_SAMPLE = "2026-12-06 20:23:45";
    private final VBox root;

    public SyncLogView(SyncLogViewModel model, ZoneId zone, String savedLayout, Consumer<String> saveLayout) {
        Label title = new Label("Sync log");
        title.getStyleClass().add("title-2");
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        dev.braid.ui.KeptSelection<SyncRun, Long> kept = new dev.braid.ui.KeptSelection<>(model.runs(), SyncRun::id);
        TableView<SyncRun> table = new TableView<>(kept.items());
        kept.attach(table.getSelectionModel());
        table.setId("syncLogTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // A squeezed table gives up the problem and warnings first: names and times stay readable.
        table.getColumns().add(ColumnWidths.keepValuesWhole(column("source", "Source", 160, SyncRun::sourceName), "demo-project"));
        table.getColumns().add(ColumnWidths.keepValuesWhole(column("start", "Started", 175,
                run -> Formats.dateTimeSeconds(run.startedAt(), zone)), TIME_SAMPLE));
        table.getColumns().add(ColumnWidths.keepValuesWhole(column("end", "Ended", 175,
                run -> Formats.dateTimeSeconds(run.endedAt(), zone)), TIME_SAMPLE));
        table.getColumns().add(column("outcome", "Outcome", 110, run -> run.outcome().name().toLowerCase()));
        table.getColumns().add(countsColumn());
        table.getColumns().add(column("attempts", "Attempts", 90, run -> Integer.toString(run.attempts())));
        table.getColumns().add(column("error", "Problem", 300, run -> run.error() == null ? "" : run.error()));
        table.getColumns().add(warningsColumn());
        Label placeholder = new Label();
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.when(model.loadedProperty())
                .then("No syncs yet. Add a source, then press Sync now.").otherwise("Reading the sync log…"));
        table.setPlaceholder(placeholder);
        ColumnLayout.bind(table, savedLayout, saveLayout);
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(10, title, status, table);
        root.getStyleClass().add("page");
        model.refresh();
    }

    public Node node() {
        return root;
    }

    /** The problems a sync went past: the row shows the first and how many more; the tooltip lists them all. */
    private static TableColumn<SyncRun, SyncRun> warningsColumn() {
        TableColumn<SyncRun, SyncRun> column = new TableColumn<>("Warnings");
        column.setId("warnings");
        column.setPrefWidth(460);
        ColumnWidths.keepHeadingWhole(column);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(SyncRun run, boolean empty) {
                super.updateItem(run, empty);
                boolean none = empty || run == null || run.warnings().isEmpty();
                setText(none ? "" : firstWarning(run));
                setTooltip(none ? null : new Tooltip(String.join("\n", run.warnings())));
            }
        });
        return column;
    }

    /**
     * Added / changed / removed, under a short heading so that the times keep their room in a
     * small window; the tooltip spells the three numbers out.
     */
    private static TableColumn<SyncRun, SyncRun> countsColumn() {
        TableColumn<SyncRun, SyncRun> column = new TableColumn<>("Changes");
        column.setId("counts");
        column.setPrefWidth(150);
        ColumnWidths.keepHeadingWhole(column);
        ColumnWidths.keepValuesWhole(column, "9999 / 999 / 99");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(SyncRun run, boolean empty) {
                super.updateItem(run, empty);
                setText(empty || run == null ? null : run.counts().added() + " / " + run.counts().changed() + " / "
                        + run.counts().removed());
                setTooltip(empty || run == null ? null : new Tooltip(run.counts().added() + " added, "
                        + run.counts().changed() + " changed, " + run.counts().removed() + " removed"));
            }
        });
        return column;
    }

    static String firstWarning(SyncRun run) {
        int more = run.warnings().size() - 1;
        return run.warnings().get(0) + (more > 0 ? " (+" + more + " more)" : "");
    }

    private static TableColumn<SyncRun, String> column(String id, String title, double width, Function<SyncRun, String> value) {
        TableColumn<SyncRun, String> column = new TableColumn<>(title);
        column.setId(id);
        column.setPrefWidth(width);
        ColumnWidths.keepHeadingWhole(column);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        // Long values (an error, a source's name) are cut to the column; the whole text is on hover.
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        return column;
    }
}
