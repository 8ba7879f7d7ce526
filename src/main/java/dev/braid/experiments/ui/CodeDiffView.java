package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import dev.braid.repos.ChangedFile;
import dev.braid.repos.DiffLine;
import dev.braid.repos.ui.DiffLineCell;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The code diff between two compared runs: pickers for the two runs (and a swap), what is
 * compared or why it cannot be, the files that differ, and the coloured diff of the file picked,
 * drawn as the Repositories view draws a commit's diff.
 */
public final class CodeDiffView {
    private final BorderPane root = new BorderPane();

    public CodeDiffView(CodeDiffViewModel model) {
        ComboBox<RunSummary> from = runPicker("codeDiffFrom", model);
        from.setValue(model.fromProperty().get());
        from.valueProperty().addListener((obs, old, now) -> model.setFrom(now));
        model.fromProperty().addListener((obs, old, now) -> from.setValue(now));
        ComboBox<RunSummary> to = runPicker("codeDiffTo", model);
        to.setValue(model.toProperty().get());
        to.valueProperty().addListener((obs, old, now) -> model.setTo(now));
        model.toProperty().addListener((obs, old, now) -> to.setValue(now));
        Button swap = new Button("⇄");
        swap.setId("codeDiffSwap");
        swap.setOnAction(e -> model.swap());
        swap.disableProperty().bind(model.fromProperty().isNull().or(model.toProperty().isNull()));
        HBox pickers = new HBox(8, new Label("From"), from, swap, new Label("to"), to);
        pickers.getChildren().forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
        pickers.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label();
        note.setId("codeDiffNote");
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        note.textProperty().bind(model.noteProperty());
        VBox top = new VBox(6, pickers, note);
        top.setPadding(new Insets(6));

        ListView<ChangedFile> files = new ListView<>(model.files());
        files.setId("codeDiffFiles");
        files.setCellFactory(list -> new ChangedFileCell());
        files.setPlaceholder(new Label(""));
        files.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.showFile(now));
        model.selectedFileProperty().addListener((obs, old, now) -> {
            if (now != null && now != files.getSelectionModel().getSelectedItem()) {
                files.getSelectionModel().select(now);
            }
        });
        files.setMinWidth(0);
        ListView<DiffLine> diff = new ListView<>(model.lines());
        diff.setId("codeDiffLines");
        diff.getStyleClass().add("diff-view");
        diff.setCellFactory(list -> new DiffLineCell());
        diff.setFixedCellSize(20);
        diff.setPlaceholder(new Label(""));
        diff.setMinWidth(0);
        SplitPane split = new SplitPane(files, diff);
        split.setDividerPositions(0.3);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.setTop(top);
        root.setCenter(split);
        root.setId("codeDiff");
        root.getStyleClass().add("code-diff");
    }

    public Node node() {
        return root;
    }

    private static ComboBox<RunSummary> runPicker(String id, CodeDiffViewModel model) {
        ComboBox<RunSummary> box = new ComboBox<>(model.candidates());
        box.setId(id);
        box.setPrefWidth(240);
        box.setCellFactory(list -> new RunCell());
        box.setButtonCell(new RunCell());
        box.setPromptText("Run");
        return box;
    }

    /** A run as "name · 1a2b3c4d". */
    private static final class RunCell extends ListCell<RunSummary> {
        @Override
        protected void updateItem(RunSummary run, boolean empty) {
            super.updateItem(run, empty);
            setText(empty || run == null ? null : RunFormats.runLabel(run) + "  ·  " + RunFormats.shortHash(run.sourceCommit()));
        }
    }

    /** A file that differs: kind, path (old path for renames) and +added −removed. */
    private static final class ChangedFileCell extends ListCell<ChangedFile> {
        @Override
        protected void updateItem(ChangedFile file, boolean empty) {
            super.updateItem(file, empty);
            if (empty || file == null) {
                setText(null);
                return;
            }
            String path = file.oldPath() != null && !file.oldPath().equals(file.path())
                    ? file.oldPath() + " → " + file.path() : file.path();
            String counts = file.binary() ? "binary" : "+" + file.added() + " −" + file.removed();
            setText(file.change().name().charAt(0) + "  " + path + "   " + counts);
        }
    }
}
