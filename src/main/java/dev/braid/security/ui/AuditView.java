package dev.braid.security.ui;

import java.io.File;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The Audit page: filters (user, object, days), the audit table, and CSV export. */
public final class AuditView {
    private final VBox root;

    public AuditView(AuditViewModel model) {
        TextField user = field("auditUser", "User", 10);
        TextField object = field("auditObject", "Object (model, run, dataset…)", 22);
        DatePicker from = new DatePicker();
        from.setId("auditFrom");
        from.setPromptText("From");
        from.setPrefWidth(130);
        DatePicker until = new DatePicker();
        until.setId("auditUntil");
        until.setPromptText("Until");
        until.setPrefWidth(130);
        Runnable apply = () -> model.filter(user.getText(), object.getText(), from.getValue(), until.getValue());
        Button filter = new Button("Filter");
        filter.setId("auditFilter");
        filter.setDefaultButton(true);
        filter.setOnAction(e -> apply.run());
        user.setOnAction(e -> apply.run());
        object.setOnAction(e -> apply.run());
        Button export = new Button("Export CSV…");
        export.setId("auditExport");
        export.setOnAction(e -> exportCsv(model, export));
        Label status = new Label();
        status.setId("auditStatus");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(model.statusProperty());
        HBox bar = new HBox(8, user, object, from, until, filter, export, status);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<AuditRow> table = new TableView<>(model.rows());
        table.setId("auditTable");
        table.getColumns().add(column("Time", AuditRow::time, 168));
        table.getColumns().add(column("Actor", AuditRow::actor, 70));
        table.getColumns().add(column("Action", AuditRow::action, 190));
        table.getColumns().add(column("Object", AuditRow::object, 360));
        table.getColumns().add(column("Outcome", AuditRow::outcome, 100));
        table.getColumns().add(column("Detail", AuditRow::detail, 360));
        table.getColumns().add(column("Source", AuditRow::source, 90));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No audit lines. Write-backs (tags, notes, aliases), scans, overrides, BOM"
                + " exports and label changes appear here."));
        VBox.setVgrow(table, Priority.ALWAYS);
        Label title = new Label("Audit trail");
        title.getStyleClass().add("title-3");
        root = new VBox(8, title, bar, table);
        root.setPadding(new Insets(10));
        root.setId("auditView");
        root.setMinSize(0, 0);
        model.refresh();
    }

    public Node node() {
        return root;
    }

    private static void exportCsv(AuditViewModel model, Node from) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the audit trail");
        chooser.setInitialFileName("audit.csv");
        File file = chooser.showSaveDialog(from.getScene() == null ? null : from.getScene().getWindow());
        if (file != null) {
            model.exportCsv(file.toPath());
        }
    }

    private static TextField field(String id, String prompt, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        return f;
    }

    private static TableColumn<AuditRow, String> column(String title, Function<AuditRow, String> value, double width) {
        TableColumn<AuditRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
        return c;
    }
}
