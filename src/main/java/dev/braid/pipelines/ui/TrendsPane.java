package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineTrends;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Trends tab: durations and failure rate per day, and the slowest and flakiest jobs. */
final class TrendsPane {
    private final VBox root;

    TrendsPane(PipelinesViewModel model) {
        TrendsChart chart = new TrendsChart();
        chart.setId("pipelineTrendsChart");
        Label summary = new Label();
        summary.setId("pipelineTrendsSummary");
        TableView<PipelineTrends.Job> slowest = table("slowestJobs");
        slowest.getColumns().add(col("Median", j -> Durations.short_(j.medianMs())));
        slowest.getColumns().add(col("95th pct", j -> Durations.short_(j.p95Ms())));
        slowest.getColumns().add(col("Failure rate", j -> percent(j.failureRate())));
        TableView<PipelineTrends.Job> flakiest = table("flakiestJobs");
        flakiest.getColumns().add(col("Flaky commits", j -> j.flaky() + " of " + j.commits()));
        flakiest.getColumns().add(col("Rate", j -> percent(j.flakyRate())));
        model.trendsProperty().addListener((obs, old, now) -> {
            chart.show(now);
            summary.setText(now == null ? "" : now.runs() + " finished runs, " + percent(now.failureRate()) + " failed");
            slowest.getItems().setAll(now == null ? java.util.List.of() : now.slowest());
            flakiest.getItems().setAll(now == null ? java.util.List.of() : now.flakiest());
        });
        VBox slow = new VBox(4, new Label("Slowest jobs (median of passing attempts)"), slowest);
        VBox flaky = new VBox(4, new Label("Flakiest jobs (failed, then passed on the same commit)"), flakiest);
        HBox.setHgrow(slow, Priority.ALWAYS);
        HBox.setHgrow(flaky, Priority.ALWAYS);
        HBox lists = new HBox(12, slow, flaky);
        root = new VBox(8, summary, chart, lists);
        root.setPadding(new Insets(8));
        VBox.setVgrow(lists, Priority.ALWAYS);
    }

    Node node() {
        return root;
    }

    private static TableView<PipelineTrends.Job> table(String id) {
        TableView<PipelineTrends.Job> table = new TableView<>();
        table.setId(id);
        table.setPlaceholder(new Label("None"));
        table.getColumns().add(col("Job", PipelineTrends.Job::name));
        table.getColumns().add(col("Source", PipelineTrends.Job::source));
        return table;
    }

    private static TableColumn<PipelineTrends.Job, String> col(String title, Function<PipelineTrends.Job, String> text) {
        TableColumn<PipelineTrends.Job, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(text.apply(v.getValue())).getReadOnlyProperty());
        c.setSortable(false);
        c.setPrefWidth(title.equals("Job") ? 160 : 110);
        return c;
    }

    private static String percent(double rate) {
        return String.format("%.1f%%", rate * 100);
    }
}
