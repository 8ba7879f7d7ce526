package dev.braid.shell;

import java.time.Clock;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * The strip along the bottom: a coloured dot and the name of each source (its state, last
 * success and last problem on hover; a click opens the Sources page), the latest sync message and
 * the sync log link. Each source speaks for itself: one unreachable server never makes the whole
 * window look offline.
 */
final class StatusBar {
    private static final int NAMED_SOURCES = 8;
    private final SyncStatusViewModel model;
    private final Navigator navigator;
    private final Clock clock;
    private final HBox sources = new HBox(10);
    private final HBox root;

    StatusBar(SyncStatusViewModel model, Navigator navigator, Clock clock) {
        this.model = model;
        this.navigator = navigator;
        this.clock = clock;
        sources.setId("sourceStates");
        sources.setAlignment(Pos.CENTER_LEFT);
        sources.setMinWidth(0);
        Label message = new Label();
        message.setId("statusMessage");
        message.getStyleClass().add("status-message");
        message.textProperty().bind(model.messageProperty());
        message.setMinWidth(0);
        message.setMnemonicParsing(false);
        message.setTooltip(new Tooltip());
        message.getTooltip().textProperty().bind(model.messageProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Hyperlink log = new Hyperlink("Sync log");
        log.setId("syncLogLink");
        log.setMinWidth(Region.USE_PREF_SIZE);
        log.setOnAction(event -> navigator.show(Page.SYNC_LOG));
        root = new HBox(12, sources, spacer, message, log);
        root.setId("statusBar");
        root.getStyleClass().add("status-bar");
        root.setAlignment(Pos.CENTER_LEFT);
        model.statuses().addListener((ListChangeListener<SourceStatus>) change -> rebuild());
        model.loadedProperty().addListener((obs, old, now) -> rebuild());
        rebuild();
    }

    Node node() {
        return root;
    }

    private void rebuild() {
        sources.getChildren().clear();
        if (model.statuses().isEmpty()) {
            Label none = new Label(model.loadedProperty().get() ? "No sources yet" : "Reading sources…");
            none.setId("noSources");
            none.getStyleClass().add("text-muted");
            sources.getChildren().add(none);
            return;
        }
        boolean named = model.statuses().size() <= NAMED_SOURCES;
        for (SourceStatus status : model.statuses()) {
            sources.getChildren().add(dot(status, named));
        }
    }

    private Node dot(SourceStatus status, boolean named) {
        Circle circle = new Circle(5);
        String health = status.health().name().toLowerCase(Locale.ROOT);
        circle.getStyleClass().addAll("source-dot", "source-dot-" + health);
        Label label = new Label(named ? status.name() : null, circle);
        label.setMnemonicParsing(false);
        label.setId("sourceState-" + status.sourceId());
        label.getStyleClass().addAll("source-state", "source-state-" + health);
        label.setMaxWidth(200);
        label.setAccessibleText(status.name() + ": " + status.state());
        label.setCursor(Cursor.HAND);
        Tooltip tip = new Tooltip(status.details(clock.instant()));
        tip.setShowDelay(Duration.millis(250));
        tip.setWrapText(true);
        tip.setMaxWidth(520);
        label.setTooltip(tip);
        label.setOnMouseClicked(event -> navigator.show(Page.SOURCES));
        return label;
    }
}
