package dev.braid.repos.ui;

import dev.braid.repos.ChangedFile;
import dev.braid.repos.CommitDetail;
import dev.braid.ui.Formats;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The selected commit: message, people, parents (each a link that selects it), changed files with
 * line counts, and the diff of the selected file.
 */
public final class CommitDetailView {
    private final CommitDetailViewModel model;
    private final SplitPane root = new SplitPane();
    private final Label subject = new Label();
    private final Label message = new Label();
    private final Label hash = new Label();
    private final Label author = new Label();
    private final Label committer = new Label();
    private final FlowPane parents = new FlowPane(6, 2);
    private final ListView<ChangedFile> files;

    public CommitDetailView(CommitDetailViewModel model, Consumer<String> openParent) {
        this.model = model;
        subject.setId("commitSubject");
        subject.getStyleClass().add("commit-subject");
        subject.setWrapText(true);
        message.setId("commitMessage");
        message.setWrapText(true);
        message.getStyleClass().add("commit-message");
        hash.setId("commitHash");
        hash.getStyleClass().add("monospace");
        // The whole hash, always: in a narrow panel it breaks onto a second line rather than
        // widening the panel past its edge (which would cut the author's address instead).
        hash.setWrapText(true);
        hash.setMinHeight(Region.USE_PREF_SIZE);
        parents.setId("commitParents");
        for (Label person : new Label[] {author, committer}) {
            person.setWrapText(true);
            person.setMinHeight(Region.USE_PREF_SIZE);
            person.setMaxWidth(Double.MAX_VALUE);
        }
        GridPane people = new GridPane();
        people.setHgap(8);
        people.setVgap(2);
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        people.getColumnConstraints().setAll(names, values);
        people.addRow(0, muted("Commit"), hash);
        int row = 1;
        if (model.hasLineage()) {
            Hyperlink lineage = new Hyperlink("Show in Lineage");
            lineage.setId("commitLineageLink");
            lineage.setMinWidth(Region.USE_PREF_SIZE);
            lineage.setOnAction(e -> model.openLineage());
            lineage.visibleProperty().bind(model.commitProperty().isNotNull());
            people.add(lineage, 1, row++);
        }
        people.addRow(row++, muted("Author"), author);
        people.addRow(row++, muted("Committer"), committer);
        people.addRow(row++, muted("Parents"), parents);
        FlowPane runs = new FlowPane(6, 2);
        runs.setId("commitRuns");
        Runnable showRuns = () -> {
            runs.getChildren().clear();
            for (CommitDetailViewModel.LinkedRun run : model.runs()) {
                Hyperlink link = new Hyperlink(run.label() + " " + run.status());
                link.getStyleClass().addAll("commit-run-link", "pipeline-status-" + run.status());
                link.setOnAction(e -> run.open().run());
                runs.getChildren().add(link);
            }
        };
        model.runs().addListener((javafx.collections.ListChangeListener<CommitDetailViewModel.LinkedRun>) c -> showRuns.run());
        Label runsLabel = muted("Pipelines");
        runsLabel.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.runs()));
        runs.visibleProperty().bind(runsLabel.visibleProperty());
        people.addRow(row, runsLabel, runs);
        Label note = new Label();
        note.setId("commitNote");
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        note.textProperty().bind(model.noteProperty());
        note.visibleProperty().bind(model.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());

        files = new ListView<>(model.files());
        files.setId("changedFiles");
        files.setCellFactory(list -> new ChangedFileCell());
        files.setPrefHeight(140);
        files.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.showFile(now));
        model.selectedFileProperty().addListener((obs, old, now) -> {
            if (now != null && now != files.getSelectionModel().getSelectedItem()) {
                files.getSelectionModel().select(now);
            }
        });

        VBox info = new VBox(8, subject, people, message, note);
        info.getStyleClass().add("commit-info");
        ScrollPane infoScroll = new ScrollPane(info);
        infoScroll.setFitToWidth(true);
        VBox left = new VBox(6, infoScroll, muted("Changed files"), files);
        left.setMinWidth(0);
        // The commit's facts take the height a short window has; the file list keeps its own.
        VBox.setVgrow(infoScroll, Priority.ALWAYS);

        ListView<dev.braid.repos.DiffLine> diff = new ListView<>(model.diff());
        diff.setId("diffView");
        diff.getStyleClass().add("diff-view");
        diff.setCellFactory(list -> new DiffLineCell());
        diff.setFixedCellSize(20);
        diff.setMinWidth(0);
        files.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                diff.requestFocus();
            }
        });

        root.getItems().addAll(left, diff);
        root.setDividerPositions(0.38);
        root.setId("commitDetail");
        root.setMinSize(0, 0);
        model.commitProperty().addListener((obs, old, now) -> show(now, openParent));
        show(model.commitProperty().get(), openParent);
    }

    public Node node() {
        return root;
    }

    /** Moves keyboard focus to the changed files (Enter in the history table). */
    public void focusFiles() {
        files.requestFocus();
        if (files.getSelectionModel().isEmpty()) {
            files.getSelectionModel().selectFirst();
        }
    }

    private void show(CommitDetail commit, Consumer<String> openParent) {
        parents.getChildren().clear();
        if (commit == null) {
            subject.setText("");
            message.setText("");
            hash.setText("");
            author.setText("");
            committer.setText("");
            return;
        }
        subject.setText(commit.subject());
        String body = commit.message().strip();
        message.setText(body.startsWith(commit.subject()) ? body.substring(commit.subject().length()).strip() : body);
        hash.setText(commit.hash());
        author.setText(commit.authorName() + " <" + commit.authorEmail() + ">\n" + Formats.dateTime(commit.authorTime()));
        committer.setText(commit.committerName() + " <" + commit.committerEmail() + ">\n" + Formats.dateTime(commit.commitTime()));
        author.setTooltip(new javafx.scene.control.Tooltip(author.getText()));
        committer.setTooltip(new javafx.scene.control.Tooltip(committer.getText()));
        if (commit.parents().isEmpty()) {
            parents.getChildren().add(new Label("none (first commit)"));
        }
        for (String parent : commit.parents()) {
            Hyperlink link = new Hyperlink(parent.substring(0, Math.min(10, parent.length())));
            link.setMnemonicParsing(false);
            link.getStyleClass().add("parent-link");
            link.setOnAction(event -> openParent.accept(parent));
            parents.getChildren().add(link);
        }
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("text-muted");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** A changed file: kind, path (old path for renames) and +added −removed. */
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
