package dev.braid.pipelines.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The DAGs tab: every pipeline an orchestrator defines (Airflow DAGs), paused or not, with its
 * schedule and tasks, as Airflow's DAGs list shows them. A paused DAG has no new runs, so without
 * this list a quiet DAG and a switched-off one look the same in the runs table.
 */
final class OrchestratorPipelinesPane {
    private final VBox root;

    OrchestratorPipelinesPane(PipelinesViewModel model) {
        TableView<PipelinesViewModel.PipelineRow> table = new TableView<>(model.pipelines());
        table.setId("orchestratorPipelines");
        table.setPlaceholder(new Label("No orchestrator DAGs yet: add one with 'braid pipelines add airflow URL'."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col("Source", 120, PipelinesViewModel.PipelineRow::source));
        table.getColumns().add(col("DAG", 180, r -> r.pipeline().pipeline()));
        table.getColumns().add(col("State", 70, PipelinesViewModel.PipelineRow::state));
        table.getColumns().add(col("Schedule", 120, r -> r.pipeline().schedule() == null ? "" : r.pipeline().schedule()));
        table.getColumns().add(col("Tasks", 60, r -> Integer.toString(r.tasks())));
        table.getColumns().add(col("Owners", 110, r -> String.join(", ", r.pipeline().owners())));
        table.getColumns().add(col("Tags", 200, r -> String.join(", ", r.pipeline().tags())));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PipelinesViewModel.PipelineRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("pipeline-paused");
                if (!empty && row != null && row.pipeline().paused()) {
                    getStyleClass().add("pipeline-paused");
                }
            }
        });
        root = new VBox(6, table);
        root.setPadding(new Insets(8));
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    Node node() {
        return root;
    }

    private static TableColumn<PipelinesViewModel.PipelineRow, String> col(String title, double width,
                                                                        Function<PipelinesViewModel.PipelineRow, String> text) {
        TableColumn<PipelinesViewModel.PipelineRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(c.getValue())).getReadOnlyProperty());
        return column;
    }
}
