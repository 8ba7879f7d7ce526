package dev.braid.shell;

import dev.braid.ui.Formats;
import java.time.Clock;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The strip along the bottom: each source's sync state, an offline warning, and the sync log link. */
final class StatusBar {
    private final SyncStatusViewModel model;
    private final Clock clock;
    private final HBox sources = new HBox(12);
    private final HBox root;

    StatusBar(SyncStatusViewModel model, Navigator navigator, Clock clock) {
        this.model = model;
        this.clock = clock;
        Label offline = new Label("Offline: showing cached data", new FontIcon(Feather.WIFI_OFF));
        offline.setId("offlineIndicator");
        offline.getStyleClass().add("offline-indicator");
        offline.visibleProperty().bind(model.offlineProperty());
        offline.managedProperty().bind(offline.visibleProperty());
        sources.setId("sourceStates");
        sources.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.getStyleClass().add("status-message");
        message.textProperty().bind(model.messageProperty());
        message.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Hyperlink log = new Hyperlink("Sync log");
        log.setId("syncLogLink");
        log.setOnAction(event -> navigator.show(Page.SYNC_LOG));
        root = new HBox(12, offline, sources, spacer, message, log);
        root.setId("statusBar");
        root.getStyleClass().add("status-bar");
        root.setAlignment(Pos.CENTER_LEFT);
        model.statuses().addListener((ListChangeListener<SourceStatus>) change -> rebuild());
        rebuild();
    }

    Node node() {
        return root;
    }

    private void rebuild() {
        sources.getChildren().clear();
        if (model.statuses().isEmpty()) {
            sources.getChildren().add(new Label("No sources yet"));
            return;
        }
        for (SourceStatus status : model.statuses()) {
            String when = status.lastSuccess() == null ? "never synced"
                    : "last success " + Formats.ago(status.lastSuccess(), clock.instant());
            Label label = new Label(status.name() + ": " + status.state() + " · " + when);
            label.getStyleClass().addAll("source-state", "source-state-" + status.state().replace(' ', '-'));
            if (status.lastError() != null) {
                label.setTooltip(new Tooltip(status.lastError()));
            }
            sources.getChildren().add(label);
        }
    }
}
