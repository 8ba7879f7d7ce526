package dev.braid.repos.ui;

import dev.braid.repos.GitRef;
import dev.braid.repos.RepoSummary;
import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * The Repositories screen: repositories on the left; on the right the selected one's history
 * (filter by ref, search) above the selected commit's detail.
 */
public final class RepositoriesView {
    private final RepositoriesViewModel model;
    private final SplitPane root = new SplitPane();
    private final javafx.scene.layout.StackPane page = new javafx.scene.layout.StackPane();
    private final ListView<RepoSummary> list;
    private final TableView<HistoryItem> table;
    private final ComboBox<GitRef> refFilter = new ComboBox<>();
    private boolean updatingRefs;

    /**
     * @param savedLayout the history table's saved column layout, by table id
     * @param saveLayout receives the history table's layout (table id, encoded) whenever it changes
     */
    public RepositoriesView(RepositoriesViewModel model, Clock clock, Function<String, String> savedLayout,
                            BiConsumer<String, String> saveLayout) {
        this.model = model;
        list = new ListView<>(model.repositories());
        list.setId("repositoryList");
        list.setCellFactory(view -> new RepositoryCell(clock));
        list.setPlaceholder(new Label("Reading the repositories from the cache…"));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectRepository(now);
            }
        });
        model.selectedRepositoryProperty().addListener((obs, old, now) -> selectInList(now));
        model.repositories().addListener((ListChangeListener<RepoSummary>) change ->
                selectInList(model.selectedRepositoryProperty().get()));

        table = HistoryTable.create(model, savedLayout.apply(HistoryTable.TABLE_ID),
                layout -> saveLayout.accept(HistoryTable.TABLE_ID, layout));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != model.selectedCommitProperty().get()) {
                model.selectCommit(now);
            }
        });
        model.selectedCommitProperty().addListener((obs, old, now) -> {
            if (now != null && now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
                table.scrollTo(Math.max(0, table.getItems().indexOf(now) - 3));
            }
        });
        // A sync re-read the history under the same filters: the chosen commit, still chosen in the
        // model, is selected again in the new rows (an equal row fires no change of its own).
        model.history().addListener((ListChangeListener<HistoryItem>) change -> {
            HistoryItem chosen = model.selectedCommitProperty().get();
            if (chosen != null && !chosen.equals(table.getSelectionModel().getSelectedItem())) {
                int index = table.getItems().indexOf(chosen);
                if (index >= 0) {
                    table.getSelectionModel().select(index);
                    table.scrollTo(Math.max(0, index - 3));
                }
            }
        });

        CommitDetailView detail = new CommitDetailView(model.detail(),
                hash -> model.open(model.detail().repoId(), hash));
        list.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
            }
        });
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                detail.focusFiles();
            }
        });

        VBox history = new VBox(6, filters(), table);
        // Let the split panes shrink their parts below their preferred sizes instead of overflowing.
        history.setMinSize(0, 0);
        list.setMinWidth(0);
        table.setMinWidth(0);
        SplitPane right = new SplitPane(history, detail.node());
        right.setMinSize(0, 0);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.55);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getItems().addAll(list, right);
        root.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(list, false);
        root.setMinSize(0, 0);
        root.setId("repositoriesView");
        root.getStyleClass().add("repositories-view");
        Node empty = emptyState(model);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.loadedProperty().get() && model.repositories().isEmpty(), model.loadedProperty(), model.repositories()));
        root.visibleProperty().bind(empty.visibleProperty().not());
        page.getChildren().addAll(root, empty);
        page.setMinSize(0, 0);
        model.refresh();
    }

    public Node node() {
        return page;
    }

    /** No repository yet: what the view will show, and a way to add one. */
    private static Node emptyState(RepositoriesViewModel model) {
        Label title = new Label("No repositories yet");
        title.getStyleClass().add("title-2");
        Label what = new Label("Add a git repository, a folder on this computer or a URL to clone, to browse its branches, "
                + "history and diffs here, and to follow its commits into runs, models and pipelines.");
        what.setWrapText(true);
        what.setMaxWidth(640);
        javafx.scene.control.Button add = new javafx.scene.control.Button("Add a repository…");
        add.setId("repositoriesAddSource");
        add.setDefaultButton(true);
        add.setOnAction(e -> model.addSource());
        VBox note = new VBox(12, title, what, add);
        note.setId("repositoriesEmpty");
        note.getStyleClass().add("placeholder-page");
        note.setAlignment(Pos.TOP_LEFT);
        return note;
    }

    private Node filters() {
        refFilter.setId("refFilter");
        refFilter.setPromptText("All branches");
        refFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(GitRef ref) {
                return ref == null ? "All branches" : ref.shortName();
            }

            @Override
            public GitRef fromString(String text) {
                return null;
            }
        });
        refFilter.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(GitRef ref, boolean empty) {
                super.updateItem(ref, empty);
                setText(ref == null ? "All branches" : ref.shortName());
            }
        });
        model.refs().addListener((ListChangeListener<GitRef>) change -> {
            updatingRefs = true;
            try {
                GitRef chosen = model.refFilterProperty().get();
                refFilter.getItems().setAll(model.refs());
                refFilter.getItems().add(0, null);
                refFilter.setValue(chosen);
            } finally {
                updatingRefs = false;
            }
        });
        refFilter.valueProperty().addListener((obs, old, now) -> {
            if (!updatingRefs) {
                model.filterByRef(now);
            }
        });
        model.refFilterProperty().addListener((obs, old, now) -> refFilter.setValue(now));

        TextField search = new TextField();
        search.setId("historySearch");
        search.setPromptText("Filter: subject, author or hash");
        // Filter as the user types, once typing pauses, so each keystroke does not start a query.
        PauseTransition typing = new PauseTransition(Duration.millis(250));
        typing.setOnFinished(event -> model.filterByText(search.getText()));
        search.textProperty().addListener((obs, old, now) -> typing.playFromStart());
        search.setOnAction(event -> {
            typing.stop();
            model.filterByText(search.getText());
        });
        model.textFilterProperty().addListener((obs, old, now) -> {
            if (!now.equals(search.getText().trim())) {
                search.setText(now);
            }
        });
        HBox.setHgrow(search, Priority.ALWAYS);
        Label status = new Label();
        status.setId("repositoryStatus");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(model.statusProperty());
        HBox bar = new HBox(8, refFilter, search, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("history-filters");
        return bar;
    }

    private void selectInList(RepoSummary repo) {
        if (repo == null) {
            list.getSelectionModel().clearSelection();
            return;
        }
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).sourceId() == repo.sourceId()) {
                if (list.getSelectionModel().getSelectedIndex() != i) {
                    list.getSelectionModel().select(i);
                }
                return;
            }
        }
    }
}
