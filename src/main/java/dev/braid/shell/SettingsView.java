package dev.braid.shell;

import dev.braid.store.Settings;
import dev.braid.ui.Theme;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The settings screen. */
public final class SettingsView {
    private final VBox root;

    public SettingsView(SettingsViewModel model) {
        Label title = new Label("Settings");
        title.getStyleClass().add("title-2");
        TextField dataDir = new TextField(model.dataDir());
        dataDir.setId("settingsDataDir");
        dataDir.setEditable(false);
        dataDir.setPrefColumnCount(40);
        Spinner<Integer> interval = new Spinner<>();
        interval.setId("settingsSyncInterval");
        SpinnerValueFactory.IntegerSpinnerValueFactory values = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 1440,
                model.syncIntervalMinutesProperty().get());
        interval.setValueFactory(values);
        interval.setEditable(true);
        values.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.syncIntervalMinutesProperty().set(now);
            }
        });
        Spinner<Integer> artifactCap = new Spinner<>();
        artifactCap.setId("settingsArtifactCap");
        SpinnerValueFactory.IntegerSpinnerValueFactory capValues = new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                Settings.MAX_ARTIFACT_CAP_MB, model.artifactCapMbProperty().get(), 10);
        artifactCap.setValueFactory(capValues);
        artifactCap.setEditable(true);
        capValues.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.artifactCapMbProperty().set(now);
            }
        });
        Spinner<Integer> logCap = new Spinner<>();
        logCap.setId("settingsLogCap");
        SpinnerValueFactory.IntegerSpinnerValueFactory logValues = new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                Settings.MAX_LOG_CAP_MB, model.logCapMbProperty().get(), 50);
        logCap.setValueFactory(logValues);
        logCap.setEditable(true);
        logValues.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.logCapMbProperty().set(now);
            }
        });
        ComboBox<Theme> theme = new ComboBox<>();
        theme.setId("settingsTheme");
        theme.getItems().setAll(Theme.values());
        theme.valueProperty().bindBidirectional(model.themeProperty());

        TextField receiverHost = new TextField();
        receiverHost.setId("settingsReceiverHost");
        receiverHost.textProperty().bindBidirectional(model.receiverHostProperty());
        Spinner<Integer> receiverPort = new Spinner<>();
        receiverPort.setId("settingsReceiverPort");
        SpinnerValueFactory.IntegerSpinnerValueFactory portValues = new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                65_535, model.receiverPortProperty().get());
        receiverPort.setValueFactory(portValues);
        receiverPort.setEditable(true);
        portValues.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.receiverPortProperty().set(now);
            }
        });
        TextField receiverToken = new TextField();
        receiverToken.setId("settingsReceiverTokenEnv");
        receiverToken.setPromptText("none: no token required");
        receiverToken.textProperty().bindBidirectional(model.receiverTokenEnvProperty());

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(12);
        form.addRow(0, new Label("Data folder"), dataDir);
        form.addRow(1, new Label("Sync every (minutes, 0 = never)"), interval);
        form.addRow(2, new Label("Theme"), theme);
        form.addRow(3, new Label("Largest artifact fetched for previewing (MB)"), artifactCap);
        form.addRow(4, new Label("CI job logs kept in the cache (MB)"), logCap);
        form.addRow(5, new Label("OpenLineage receiver: host"), receiverHost);
        form.addRow(6, new Label("OpenLineage receiver: port"), receiverPort);
        form.addRow(7, new Label("OpenLineage receiver: token variable"), receiverToken);
        Label note = new Label("The data folder is chosen when Braid starts (--data-dir, BRAID_HOME or the default). "
                + "The receiver (Lineage view, \"Receive events\") uses its address at its next start; with a token "
                + "variable, callers must send that variable's value as a bearer token.");
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        root = new VBox(16, title, form, note);
        root.getStyleClass().add("page");
    }

    public Node node() {
        return root;
    }
}
