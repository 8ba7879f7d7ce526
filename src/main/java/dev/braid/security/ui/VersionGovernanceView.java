package dev.braid.security.ui;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The chosen model version's governance panel (under the Models tab's versions table): scan
 * verdict with "Scan now", the files that are not safe, the environment against the serving
 * target, inherited labels, "Export BOM…" and "Set alias…" (which asks for a reason when the
 * promotion needs an override).
 */
public final class VersionGovernanceView {
    private final VBox root;

    public VersionGovernanceView(VersionGovernanceViewModel model) {
        Label title = new Label();
        title.setId("governanceTitle");
        title.getStyleClass().add("title-4");
        title.textProperty().bind(model.titleProperty());

        Label verdict = new Label();
        verdict.setId("governanceScan");
        verdict.getStyleClass().add("scan-verdict");
        verdict.setWrapText(true);
        verdict.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        verdict.textProperty().bind(Bindings.concat("Scan: ", model.scanProperty()));
        model.ratingProperty().addListener((obs, old, now) -> {
            verdict.getStyleClass().removeIf(c -> c.startsWith("scan-rating-"));
            if (!now.isEmpty()) {
                verdict.getStyleClass().add("scan-rating-" + now);
            }
        });
        Button scan = new Button("Scan now");
        scan.setId("governanceScanButton");
        scan.disableProperty().bind(model.busyProperty().or(model.chosenProperty().not()));
        scan.setOnAction(e -> model.scan());
        HBox scanRow = row(scan, verdict);

        ListView<String> findings = list(model.findings(), "governanceFindings");
        Label environment = wrapping(model.environmentProperty(), "governanceEnvironment");
        Button target = new Button("Serving target…");
        target.setId("governanceTargetButton");
        target.disableProperty().bind(model.chosenProperty().not());
        target.setOnAction(e -> askTarget(model));
        ListView<String> differences = list(model.differences(), "governanceDifferences");
        Label labels = wrapping(model.labelsProperty(), "governanceLabels");
        Label promotion = wrapping(model.promotionProperty(), "governancePromotion");

        Button alias = new Button("Set alias…");
        alias.setId("governanceAliasButton");
        alias.disableProperty().bind(model.chosenProperty().not());
        alias.setOnAction(e -> askAlias(model));
        Button bom = new Button("Export BOM…");
        bom.setId("governanceBomButton");
        bom.disableProperty().bind(model.chosenProperty().not());
        bom.setOnAction(e -> askBomFile(model));
        Label message = wrapping(model.messageProperty(), "governanceMessage");
        message.getStyleClass().add("text-muted");

        VBox content = new VBox(6, title, scanRow, findings, row(target, environment), differences, labels,
                row(alias, promotion), row(bom, message));
        content.setPadding(new Insets(6, 4, 6, 4));
        content.disableProperty().bind(model.chosenProperty().not());
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root = new VBox(scroll);
        root.setId("versionGovernance");
        root.getStyleClass().add("version-governance");
        root.setMinSize(0, 0);
    }

    public Node node() {
        return root;
    }

    private static HBox row(Node button, Node text) {
        if (button instanceof Button b) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the text beside it wraps instead
        }
        HBox row = new HBox(8, button, text);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(text, Priority.ALWAYS);
        return row;
    }

    private static Label wrapping(javafx.beans.value.ObservableStringValue text, String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.textProperty().bind(text);
        return label;
    }

    private static ListView<String> list(javafx.collections.ObservableList<String> items, String id) {
        ListView<String> list = new ListView<>(items);
        list.setId(id);
        list.setPrefHeight(96);
        list.setMinHeight(0);
        // Findings and differences are sentences: wrap them to the panel's width.
        list.setCellFactory(view -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        list.visibleProperty().bind(Bindings.isNotEmpty(items));
        list.managedProperty().bind(list.visibleProperty());
        return list;
    }

    private void askTarget(VersionGovernanceViewModel model) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle("Serving target");
        dialog.setHeaderText("What serves this model? A requirements or lock file, pyproject.toml, environment.yml or"
                + " Dockerfile on disk, or repo:NAME@REF:PATH in an indexed repository.");
        dialog.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        dialog.showAndWait().ifPresent(model::setServingTarget);
    }

    private void askBomFile(VersionGovernanceViewModel model) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export CycloneDX BOM");
        chooser.setInitialFileName("bom.cdx.json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CycloneDX JSON", "*.json"));
        File file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            model.exportBom(file.toPath());
        }
    }

    private void askAlias(VersionGovernanceViewModel model) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Set alias");
        dialog.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        TextField alias = new TextField("champion");
        alias.setId("aliasName");
        TextArea reason = new TextArea();
        reason.setId("aliasOverrideReason");
        reason.setPromptText("Why promote it anyway? (recorded in the audit log with your name)");
        reason.setPrefRowCount(3);
        Label warning = new Label();
        warning.setWrapText(true);
        warning.textProperty().bind(model.promotionProperty());
        boolean override = model.needsOverrideProperty().get();
        VBox body = new VBox(8, new Label("Alias"), alias, warning);
        if (override) {
            body.getChildren().addAll(new Label("Override reason"), reason);
        }
        body.setPrefWidth(460);
        dialog.getDialogPane().setContent(body);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(alias.textProperty().isEmpty()
                .or(Bindings.createBooleanBinding(() -> override && reason.getText().isBlank(), reason.textProperty())));
        dialog.showAndWait().filter(b -> b == ButtonType.OK)
                .ifPresent(b -> model.setAlias(alias.getText().strip(), override ? reason.getText().strip() : null));
    }
}
