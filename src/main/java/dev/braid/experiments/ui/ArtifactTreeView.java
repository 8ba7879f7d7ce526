package dev.braid.experiments.ui;

import dev.braid.experiments.ArtifactEntry;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A run's artifacts: the tree on the left (folders list their children when first expanded),
 * the selected file's preview on the right (text, an image, or a message saying why not).
 */
public final class ArtifactTreeView {
    private final ArtifactTreeViewModel model;
    private final SplitPane root;

    public ArtifactTreeView(ArtifactTreeViewModel model) {
        this.model = model;
        TreeItem<ArtifactEntry> top = new FolderItem(new ArtifactEntry("", true, null));
        TreeView<ArtifactEntry> tree = new TreeView<>(top);
        tree.setId("artifactTree");
        tree.setShowRoot(false);
        tree.setCellFactory(view -> new EntryCell());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) ->
                model.select(item == null ? null : item.getValue()));

        Label empty = new Label("No artifacts were logged for this run.");
        empty.getStyleClass().add("text-muted");
        empty.visibleProperty().bind(model.emptyProperty());
        Label status = new Label();
        status.setId("artifactStatus");
        status.getStyleClass().add("artifact-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        StackPane treeArea = new StackPane(tree, empty);
        VBox.setVgrow(treeArea, Priority.ALWAYS);
        VBox left = new VBox(4, treeArea, status);
        left.setMinWidth(180);

        root = new SplitPane(left, previewPane());
        root.setOrientation(Orientation.HORIZONTAL);
        root.setDividerPositions(0.32);
        root.setId("artifactsPane");
        root.getStyleClass().add("artifact-tree");
        // The root folder is listed when the view is first built, i.e. when its tab is first shown.
        top.setExpanded(true);
    }

    public Node node() {
        return root;
    }

    private Node previewPane() {
        Label title = new Label();
        title.setId("artifactPreviewTitle");
        title.getStyleClass().add("artifact-preview-title");
        title.textProperty().bind(model.previewTitleProperty());

        TextArea text = new TextArea();
        text.setId("artifactText");
        text.setEditable(false);
        text.getStyleClass().add("artifact-text");
        text.textProperty().bind(model.previewTextProperty());
        text.visibleProperty().bind(model.previewProperty().isEqualTo(ArtifactTreeViewModel.Preview.TEXT));

        ImageView image = new ImageView();
        image.setId("artifactImage");
        image.setPreserveRatio(true);
        model.imageUrlProperty().addListener((obs, old, url) ->
                // Loaded in the background by JavaFX, so a large picture never stalls the window.
                image.setImage(url == null || url.isEmpty() ? null : new Image(url, true)));
        ScrollPane imageArea = new ScrollPane(image);
        imageArea.getStyleClass().add("artifact-image");
        imageArea.visibleProperty().bind(model.previewProperty().isEqualTo(ArtifactTreeViewModel.Preview.IMAGE));

        Label message = new Label();
        message.setId("artifactMessage");
        message.setWrapText(true);
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(model.messageProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        message.setMinHeight(Region.USE_PREF_SIZE);

        StackPane content = new StackPane(text, imageArea);
        content.visibleProperty().bind(model.previewProperty().isEqualTo(ArtifactTreeViewModel.Preview.TEXT)
                .or(model.previewProperty().isEqualTo(ArtifactTreeViewModel.Preview.IMAGE)));
        content.managedProperty().bind(content.visibleProperty());
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox pane = new VBox(6, title, content, message);
        ArtifactScanStatus scan = model.scanStatus();
        if (scan != null) {
            pane.getChildren().add(1, scanBar(scan));
        }
        pane.setPadding(new Insets(0, 0, 6, 8));
        return pane;
    }

    /** The selected file's scan verdict, coloured by rating, and a button that scans it now. */
    private static Node scanBar(ArtifactScanStatus scan) {
        Label verdict = new Label();
        verdict.setId("artifactScan");
        verdict.getStyleClass().add("scan-verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(scan.textProperty());
        scan.ratingProperty().addListener((obs, old, now) -> {
            verdict.getStyleClass().removeIf(c -> c.startsWith("scan-rating-"));
            if (!now.isEmpty()) {
                verdict.getStyleClass().add("scan-rating-" + now);
            }
        });
        javafx.scene.control.Button button = new javafx.scene.control.Button("Scan");
        button.setId("artifactScanButton");
        button.disableProperty().bind(scan.canScanProperty().not());
        button.setOnAction(e -> scan.scan());
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(8, button, verdict);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.visibleProperty().bind(scan.textProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** A folder's item: its children come from the view model, read when it is first expanded. */
    private final class FolderItem extends TreeItem<ArtifactEntry> {
        FolderItem(ArtifactEntry folder) {
            super(folder);
            ObservableList<ArtifactEntry> entries = model.children(folder.path());
            entries.addListener((ListChangeListener<ArtifactEntry>) change -> fill(entries));
            expandedProperty().addListener((obs, was, now) -> {
                if (now) {
                    model.expand(folder.path());
                }
            });
            fill(entries);
        }

        private void fill(List<ArtifactEntry> entries) {
            getChildren().setAll(entries.stream().map(e -> e.directory() ? new FolderItem(e)
                    : new TreeItem<>(e)).toList());
        }

        @Override
        public boolean isLeaf() {
            return false;
        }
    }

    /** A folder or file with its icon; files show their size after the name, muted. */
    private static final class EntryCell extends TreeCell<ArtifactEntry> {
        @Override
        protected void updateItem(ArtifactEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            setText(null);
            if (empty || entry == null) {
                setGraphic(null);
                return;
            }
            HBox graphic = new HBox(6, new FontIcon(entry.directory() ? Feather.FOLDER : icon(entry.name())),
                    new Label(entry.name()));
            graphic.setAlignment(Pos.CENTER_LEFT);
            if (entry.size() != null) {
                Label size = new Label(ArtifactSizes.format(entry.size()));
                size.getStyleClass().add("text-muted");
                graphic.getChildren().add(size);
            }
            setGraphic(graphic);
        }

        private static Feather icon(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".gif")
                    ? Feather.IMAGE : Feather.FILE_TEXT;
        }
    }
}
