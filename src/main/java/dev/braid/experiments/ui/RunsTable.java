package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import dev.braid.ui.KeptSelection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The runs table. Its columns follow {@link ColumnChoice#visible()}: a table column exists only
 * while shown. Clicking a header asks the view model to sort in the cache; the table never
 * reorders rows itself.
 */
final class RunsTable {
    private RunsTable() {
    }

    static TableView<RunSummary> create(ExperimentsViewModel model) {
        TableView<RunSummary> table = new TableView<>();
        KeptSelection<RunSummary, String> kept = new KeptSelection<>(model.nesting().rows(), RunTree::key);
        table.setItems(kept.items());
        kept.attach(table.getSelectionModel());
        table.setId("runsTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Map<RunColumn, TableColumn<RunSummary, String>> made = new HashMap<>();
        Map<RunColumn.Kind, TableColumn<RunSummary, String>> groups = new EnumMap<>(RunColumn.Kind.class);
        Runnable sync = () -> {
            List<TableColumn<RunSummary, String>> top = new ArrayList<>();
            Map<RunColumn.Kind, List<TableColumn<RunSummary, String>>> grouped = new EnumMap<>(RunColumn.Kind.class);
            for (RunColumn c : model.columns().visible()) {
                TableColumn<RunSummary, String> column = made.computeIfAbsent(c, key -> column(model, key));
                if (!c.kind().keyed()) {
                    top.add(column);
                    continue;
                }
                // Keys stand under a "Metrics", "Params" or "Tags" heading, as in the MLflow UI.
                List<TableColumn<RunSummary, String>> members = grouped.computeIfAbsent(c.kind(), k -> new ArrayList<>());
                if (members.isEmpty()) {
                    top.add(groups.computeIfAbsent(c.kind(), RunsTable::group));
                }
                members.add(column);
            }
            grouped.forEach((kind, members) -> groups.get(kind).getColumns().setAll(members));
            made.keySet().retainAll(model.columns().visible());
            table.getColumns().setAll(top);
        };
        model.columns().visible().addListener((ListChangeListener<RunColumn>) change -> sync.run());
        sync.run();
        model.stars().revisionProperty().addListener((obs, old, now) -> table.refresh());
        table.setSortPolicy(t -> {
            if (t.getSortOrder().isEmpty()) {
                model.sortBy(null, false);
            } else {
                TableColumn<RunSummary, ?> first = t.getSortOrder().get(0);
                model.sortBy((RunColumn) first.getUserData(), first.getSortType() == TableColumn.SortType.ASCENDING);
            }
            return true;
        });
        return table;
    }

    private static TableColumn<RunSummary, String> group(RunColumn.Kind kind) {
        TableColumn<RunSummary, String> group = new TableColumn<>(switch (kind) {
            case METRIC -> "Metrics";
            case PARAM -> "Params";
            default -> "Tags";
        });
        group.setId("group-" + kind.name().toLowerCase(Locale.ROOT));
        group.getStyleClass().add("run-column-group");
        group.setSortable(false);
        return group;
    }

    private static TableColumn<RunSummary, String> column(ExperimentsViewModel model, RunColumn key) {
        TableColumn<RunSummary, String> column = new TableColumn<>(key.title());
        column.setId("col-" + key.id());
        column.setUserData(key);
        column.setSortable(key.orderBy() != null);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(model.cellText(c.getValue(), key)).getReadOnlyProperty());
        column.setPrefWidth(switch (key.kind()) {
            case RUN_NAME -> 180;
            case CREATED -> 150;
            case STAR -> 34;
            case STATUS, COMMIT, DURATION -> 90;
            case EXPERIMENT -> 170;
            case MODELS, SOURCE -> 150;
            case DATASETS -> 220;
            // A key's header shows its whole name: about nine pixels a character (bold) plus room for the sort arrow.
            case METRIC, PARAM, TAG -> Math.max(key.kind() == RunColumn.Kind.TAG ? 110 : 84, 9 * key.title().length() + 34);
            default -> 110;
        });
        if (key.kind() == RunColumn.Kind.COMMIT) {
            column.setCellFactory(c -> new CommitCell(model));
        } else if (key.kind() == RunColumn.Kind.RUN_NAME) {
            column.setCellFactory(c -> new RunNameCell(model.nesting()));
        } else if (key.kind() == RunColumn.Kind.STATUS) {
            column.setCellFactory(c -> new StatusCell());
        } else if (key.kind() == RunColumn.Kind.STAR) {
            column.setCellFactory(c -> new StarCell(model.stars()));
            column.setResizable(false);
            column.getStyleClass().add("star-column");
        } else {
            column.setCellFactory(c -> new FullTextCell());
        }
        if (key.kind() == RunColumn.Kind.METRIC) {
            column.getStyleClass().add("numeric-column");
        }
        if (key.kind().keyed()) {
            column.setMinWidth(Math.min(column.getPrefWidth(), 9 * key.title().length() + 34));
        }
        return column;
    }

    /** The short hash as a link that opens the commit in the Repositories view. */
    private static final class CommitCell extends TableCell<RunSummary, String> {
        private final Hyperlink link = new Hyperlink();

        CommitCell(ExperimentsViewModel model) {
            link.getStyleClass().add("commit-link");
            link.setOnAction(e -> {
                RunSummary run = getTableRow() == null ? null : getTableRow().getItem();
                if (run != null) {
                    model.openCommit(run.sourceCommit());
                }
            });
        }

        @Override
        protected void updateItem(String hash, boolean empty) {
            super.updateItem(hash, empty);
            link.setText(hash);
            setGraphic(empty || hash == null || hash.isEmpty() ? null : link);
        }
    }

    /** The run name indented by nesting depth, with a disclosure arrow on runs that have child runs. */
    private static final class RunNameCell extends TableCell<RunSummary, String> {
        private static final double INDENT = 16;
        private final RunNesting nesting;
        private final Label arrow = new Label();

        RunNameCell(RunNesting nesting) {
            this.nesting = nesting;
            arrow.getStyleClass().add("run-disclosure");
            arrow.setMinWidth(INDENT);
            arrow.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
            arrow.setOnMouseClicked(e -> {
                RunSummary run = getTableRow() == null ? null : getTableRow().getItem();
                if (run != null) {
                    nesting.toggle(run);
                    e.consume();
                }
            });
        }

        @Override
        protected void updateItem(String name, boolean empty) {
            super.updateItem(name, empty);
            RunSummary run = empty || getTableRow() == null ? null : getTableRow().getItem();
            setText(empty ? null : name);
            setMnemonicParsing(false);
            setTooltip(empty || name == null || name.isEmpty() ? null : new javafx.scene.control.Tooltip(name));
            if (run == null || (nesting.depth(run) == 0 && !nesting.hasChildren(run))) {
                setGraphic(null);
                return;
            }
            arrow.setText(nesting.hasChildren(run) ? (nesting.isExpanded(run) ? "▾" : "▸") : "");
            arrow.setId(nesting.hasChildren(run) ? "toggle-" + run.runId() : null);
            arrow.setPrefWidth(INDENT * (nesting.depth(run) + 1));
            setGraphic(arrow);
        }
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
            "[-+−]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|NaN|−?∞");

    /** Text that may be cut short (datasets, long values), whole in a tooltip; numbers right-aligned so their digits line up. */
    private static final class FullTextCell extends TableCell<RunSummary, String> {
        private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            setMnemonicParsing(false);
            tip.setText(text);
            setTooltip(empty || text == null || text.isEmpty() ? null : tip);
            boolean number = !empty && text != null && NUMBER.matcher(text.strip()).matches();
            setAlignment(number ? javafx.geometry.Pos.CENTER_RIGHT : javafx.geometry.Pos.CENTER_LEFT);
            pseudoClassStateChanged(NUMERIC, number);
        }
    }

    private static final javafx.css.PseudoClass NUMERIC = javafx.css.PseudoClass.getPseudoClass("numeric");

    /** A star to click: filled for starred runs. */
    private static final class StarCell extends TableCell<RunSummary, String> {
        private final Label star = new Label();

        StarCell(RunStars stars) {
            star.getStyleClass().add("run-star");
            star.setOnMouseClicked(e -> {
                RunSummary run = getTableRow() == null ? null : getTableRow().getItem();
                if (run != null) {
                    stars.toggle(run);
                    e.consume();
                }
            });
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            RunSummary run = empty || getTableRow() == null ? null : getTableRow().getItem();
            star.setText(text);
            star.setId(run == null ? null : "star-" + run.runId());
            star.pseudoClassStateChanged(STARRED, "★".equals(text));
            setGraphic(run == null ? null : star);
        }
    }

    private static final javafx.css.PseudoClass STARRED = javafx.css.PseudoClass.getPseudoClass("starred");

    /** The status with a class per state, so the stylesheet can colour it. */
    private static final class StatusCell extends TableCell<RunSummary, String> {
        @Override
        protected void updateItem(String status, boolean empty) {
            super.updateItem(status, empty);
            getStyleClass().removeIf(s -> s.startsWith("run-status-"));
            setText(empty ? null : status);
            if (!empty && status != null) {
                getStyleClass().add("run-status-" + status.toLowerCase(Locale.ROOT));
            }
        }
    }
}
