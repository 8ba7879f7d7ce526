package dev.braid.lineage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.EventLimits;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.OpenLineageIngest;
import dev.braid.lineage.OpenLineageReceiver;
import dev.braid.lineage.OpenLineageValidator;
import dev.braid.store.Database;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.Theme;
import dev.braid.ui.ThemeApplier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Switching the receiver on in the explorer's toolbar, posting events to it over HTTP, and seeing them drawn. */
@ExtendWith(ApplicationExtension.class)
class LineageReceiverViewTest {
    private static final String RUN = "0190c2a4-7d3e-7b6a-9f1e-2d4c6b8a0e11";
    @TempDir
    Path folder;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Database db;
    private LineageExplorerViewModel model;
    private LineageReceiverViewModel receiver;

    @Start
    void start(Stage stage) throws Exception {
        db = Database.open(folder.resolve("cache.db"));
        LineageService lineage = new LineageService(db, Clock.systemUTC());
        OpenLineageValidator validator = new OpenLineageValidator(EventLimits.STANDARD);
        OpenLineageIngest ingest = new OpenLineageIngest(lineage);
        model = new LineageExplorerViewModel(lineage, LineageLinks.NONE, runner);
        // Port 0: a free port, so the test never meets a receiver already on 5050.
        receiver = new LineageReceiverViewModel(settings -> OpenLineageReceiver.start(settings, validator, ingest), 0,
                runner, scheduler, Duration.ofMillis(100));
        receiver.storedProperty().addListener((obs, old, now) -> model.refresh());
        LineageExplorerView view = new LineageExplorerView(model, receiver, (extension, owner) -> null);
        Scene scene = new Scene((Parent) view.node(), 1280, 800);
        new ThemeApplier(Map.of()).apply(scene, Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        receiver.close();
        scheduler.shutdownNow();
        runner.close();
        db.close();
    }

    @Test
    void eventsPostedToTheShownAddressAppearInTheExplorer(FxRobot robot) throws Exception {
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, model);
        Label address = robot.lookup("#receiverAddress").queryAs(Label.class);
        assertFalse(address.isVisible(), "no address while off");

        robot.clickOn("#receiverToggle");

        view.waitUntil(() -> address.isVisible() && address.getText().matches("127\\.0\\.0\\.1:\\d+"));
        String url = "http://" + address.getText() + "/api/v1/lineage";
        assertEquals(url, address.getTooltip().getText());
        assertTrue(robot.lookup("#receiverMessage").queryAs(Label.class).getText().endsWith(url));
        assertEquals(201, post(url, event("START", "2026-03-01T09:00:00Z", "\"outputs\": [" + dataset("features.parquet") + "]")));
        view.search("nightly.clean");
        view.waitUntil(() -> view.shownNames().contains("features.parquet"));

        // A later event of the same run writes a second dataset: the explorer redraws without being asked.
        assertEquals(201, post(url, event("COMPLETE", "2026-03-01T09:05:00Z",
                "\"outputs\": [" + dataset("features.parquet") + ", " + dataset("report.html") + "]")));

        view.waitUntil(() -> view.shownNames().contains("report.html"));
        robot.clickOn("#receiverToggle");
        view.waitUntil(() -> !address.isVisible() && view.status().contains("nodes"));
        assertTrue(robot.lookup("#receiverMessage").queryAs(Label.class).getText().startsWith("Receiver stopped: 2 new events"));
    }

    private static String dataset(String name) {
        return "{\"namespace\": \"s3://lake\", \"name\": \"" + name + "\", \"facets\": {}}";
    }

    private static String event(String type, String time, String datasets) {
        return "{\"eventType\": \"" + type + "\", \"eventTime\": \"" + time + "\","
                + " \"producer\": \"https://github.com/OpenLineage/OpenLineage/tree/1.54.0/client/python\","
                + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + " \"run\": {\"runId\": \"" + RUN + "\", \"facets\": {}},"
                + " \"job\": {\"namespace\": \"pipelines\", \"name\": \"nightly.clean\", \"facets\": {}},"
                + " \"inputs\": [], " + datasets + "}";
    }

    private static int post(String address, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(address)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
