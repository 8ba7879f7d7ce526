package dev.braid.bench;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.repos.CommitRow;
import dev.braid.repos.HistoryQuery;
import dev.braid.repos.RepoSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Time from selecting a repository to its first page of history on screen, in a fresh JVM:
 * opens Braid's cache, then (with {@code -Dbench.fx=true}, headless through Monocle) shows a
 * window with an empty history table, and measures from the selection through the query on a
 * background thread to the end of the first pulse that lays out and renders the filled table.
 * By default the table is first filled once with made-up rows and cleared, as the running app
 * has drawn tables before the user picks a repository; {@code -Dbench.fxWarmup=false} measures
 * the very first table fill in the JVM instead. The cache is cold either way.
 * Prints {@code FIGURE name value} lines.
 *
 * <pre>java dev.braid.bench.FirstPageBenchmark WORK_DIR SOURCE_NAME</pre>
 */
public final class FirstPageBenchmark {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        String name = args[1];
        boolean fx = Boolean.getBoolean("bench.fx");
        TableView<CommitRow> table = fx ? showEmptyTable() : null;
        if (table != null && !"false".equals(System.getProperty("bench.fxWarmup"))) {
            warmUp(table);
        }

        long openStart = System.nanoTime();
        try (AppContext app = AppContext.open(new DataDirectories(work.resolve("data"), work.resolve("config")), Clock.systemUTC())) {
            figure("open_ms", System.nanoTime() - openStart);

            long selected = System.nanoTime();
            CompletableFuture<List<CommitRow>> rows = CompletableFuture.supplyAsync(() -> {
                RepoSummary summary = app.repositories().find(name).orElseThrow();
                app.repositories().refs(summary.sourceId());
                return app.repositories().history(HistoryQuery.all(summary.sourceId()), 0, IndexBenchmark.PAGE);
            });
            List<CommitRow> page = rows.get(60, TimeUnit.SECONDS);
            long dataReady = System.nanoTime();
            figure("data_ms", dataReady - selected);
            figure("rows", page.size() * 1_000_000L);
            if (table != null) {
                long drawn = drawAndWait(table, page);
                figure("drawn_ms", drawn - selected);
                figure("fx_ms", drawn - dataReady);
            }
        }
        if (fx) {
            Platform.exit();
        }
    }

    private static void figure(String name, long nanos) {
        System.out.println("FIGURE " + name + " " + nanos / 1e6);
    }

    private static TableView<CommitRow> showEmptyTable() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        CompletableFuture<TableView<CommitRow>> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            TableView<CommitRow> table = new TableView<>();
            table.getColumns().add(column("Commit", 80, CommitRow::shortHash));
            table.getColumns().add(column("Subject", 520, CommitRow::subject));
            table.getColumns().add(column("Author", 160, CommitRow::authorName));
            table.getColumns().add(column("Date", 180, row -> row.authorTime().toString()));
            Stage stage = new Stage();
            stage.setScene(new Scene(table, 1000, 700));
            stage.show();
            shown.complete(table);
        });
        return shown.join();
    }

    private static TableColumn<CommitRow, String> column(String title, double width, java.util.function.Function<CommitRow, String> value) {
        TableColumn<CommitRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static void warmUp(TableView<CommitRow> table) throws Exception {
        List<CommitRow> fake = new java.util.ArrayList<>();
        java.time.OffsetDateTime when = java.time.OffsetDateTime.parse("2020-01-01T10:00:00+01:00");
        for (int i = 0; i < IndexBenchmark.PAGE; i++) {
            fake.add(new CommitRow(String.format("%040x", i), List.of(), "Warm Up", "warm@example.org", when.plusMinutes(i),
                    "Warm-up row " + i));
        }
        drawAndWait(table, fake);
        drawAndWait(table, List.of());
    }

    /** Fills the table on the FX thread and returns when the pulse that lays it out has finished. */
    private static long drawAndWait(TableView<CommitRow> table, List<CommitRow> page) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            Scene scene = table.getScene();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                scene.removePostLayoutPulseListener(listener[0]);
                // Runs after the rest of this pulse, including handing the frame to the renderer.
                Platform.runLater(() -> done.complete(System.nanoTime()));
            };
            table.getItems().setAll(page);
            scene.addPostLayoutPulseListener(listener[0]);
            Platform.requestNextPulse();
        });
        return done.get(60, TimeUnit.SECONDS);
    }
}
