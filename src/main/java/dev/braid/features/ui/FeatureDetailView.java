package dev.braid.features.ui;

import dev.braid.features.FeatureViewDetail;
import dev.braid.features.FeatureViewVersion;
import dev.braid.features.VersionCommit;
import dev.braid.features.feast.ViewDefinition;
import dev.braid.features.feast.ViewField;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A feature view's page: its name, project, kind, current version, entities, source, TTL and owner,
 * a "Lineage" link, a stale-use warning, and tabs for its fields, its version timeline (when, which
 * commit, by whom), the comparison of two versions and the runs and models that used it.
 */
public final class FeatureDetailView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private final VBox root;
    private final ZoneId zone = ZoneId.systemDefault();

    public FeatureDetailView(FeatureDetailViewModel model) {
        Label title = new Label("No feature view chosen");
        title.setId("featureTitle");
        title.getStyleClass().add("title-3");
        Label facts = new Label();
        facts.setId("featureFacts");
        facts.setWrapText(true);
        // Every fact line stays readable in a short window; the tabs below give up the height.
        facts.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        facts.getStyleClass().add("text-muted");
        Hyperlink lineage = new Hyperlink("Lineage");
        lineage.setId("featureLineageLink");
        lineage.setOnAction(e -> model.openLineage());
        lineage.setVisible(model.hasLineage());
        lineage.managedProperty().bind(lineage.visibleProperty());
        HBox heading = new HBox(12, title, lineage);
        heading.setAlignment(Pos.BASELINE_LEFT);
        model.viewProperty().addListener((obs, old, now) -> {
            title.setText(now == null ? "No feature view chosen" : now.name());
            facts.setText(now == null ? "" : facts(now));
            lineage.setVisible(now != null && model.hasLineage());
        });
        Label stale = new Label();
        stale.setId("staleWarning");
        stale.getStyleClass().add("stale-warning");
        stale.setWrapText(true);
        stale.textProperty().bind(Bindings.createStringBinding(() -> model.staleWarningProperty().get().isEmpty() ? ""
                : "⚠ " + model.staleWarningProperty().get(), model.staleWarningProperty()));
        stale.managedProperty().bind(model.staleWarningProperty().isNotEmpty());
        stale.visibleProperty().bind(stale.managedProperty());
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.managedProperty().bind(model.statusProperty().isNotEmpty());
        status.visibleProperty().bind(status.managedProperty());

        Tab compare = tab("Compare", comparePane(model));
        TabPane tabs = new TabPane(tab("Fields", fieldsTable(model)), tab("Versions", versionsTable(model)), compare,
                tab("Used by", usesTable(model)));
        tabs.setId("featureDetailTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        model.requestedTabProperty().addListener((obs, old, now) -> {
            if ("compare".equals(now)) {
                tabs.getSelectionModel().select(compare);
            }
        });
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root = new VBox(6, heading, facts, stale, status, tabs);
        root.setPadding(new Insets(4, 4, 4, 10));
        root.setId("featureDetail");
        root.getStyleClass().add("feature-detail");
        root.setMinSize(0, 0);
    }

    public Node node() {
        return root;
    }

    private static String facts(FeatureViewDetail view) {
        ViewDefinition d = view.definition();
        List<String> parts = new ArrayList<>();
        parts.add(view.project() + " · " + d.kind().label() + " feature view · " + view.currentVersion()
                + " (" + view.versions().size() + (view.versions().size() == 1 ? " version)" : " versions)"));
        if (!d.entities().isEmpty()) {
            parts.add("Entities: " + String.join(", ", d.entities()));
        }
        if (d.batchSource() != null) {
            parts.add("Source: " + d.batchSource().name() + (d.batchSource().location().isEmpty() ? "" : " (" + d.batchSource().location() + ")"));
        } else if (!d.sourceViews().isEmpty()) {
            parts.add("Reads: " + String.join(", ", d.sourceViews()));
        }
        if (d.ttlSeconds() != null) {
            parts.add("TTL: " + Durations.words(d.ttlSeconds()));
        }
        if (!d.owner().isEmpty()) {
            parts.add("Owner: " + d.owner());
        }
        if (!d.tags().isEmpty()) {
            parts.add("Tags: " + String.join(", ", d.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (!view.servedBy().isEmpty()) {
            parts.add("Served by: " + String.join(", ", view.servedBy().stream().map(s -> s.name()
                    + (s.pinnedVersion() == null ? "" : " (pinned v" + s.pinnedVersion() + ")")).distinct().toList()));
        }
        parts.add("Listed by: " + String.join(", ", view.listings().stream().map(l -> l.source()
                + (l.removed() ? " (removed)" : "")).toList()));
        if (!d.description().isEmpty()) {
            parts.add(d.description());
        }
        return String.join("\n", parts);
    }

    private static TableView<ViewField> fieldsTable(FeatureDetailViewModel model) {
        TableView<ViewField> table = new TableView<>(model.fields());
        table.setId("featureFields");
        table.getColumns().add(FeaturesView.column("Field", ViewField::name, 160));
        table.getColumns().add(FeaturesView.column("Type", ViewField::type, 120));
        table.getColumns().add(FeaturesView.column("Description", ViewField::description, 200));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No fields."));
        return table;
    }

    private TableView<FeatureViewVersion> versionsTable(FeatureDetailViewModel model) {
        TableView<FeatureViewVersion> table = new TableView<>(model.versions());
        table.setId("featureVersions");
        table.getColumns().add(FeaturesView.column("Version", v -> v.version() + (v.current() ? "  (current)" : ""), 110));
        table.getColumns().add(FeaturesView.column("Created", v -> v.createdAt() == null ? "" : WHEN.format(v.createdAt().atZone(zone)), 130));
        table.getColumns().add(FeaturesView.column("Commit", FeatureDetailView::commit, 240));
        table.getColumns().add(FeaturesView.column("By", v -> introduced(v) == null ? "" : introduced(v).author(), 110));
        table.getColumns().add(FeaturesView.column("Fields", v -> Integer.toString(v.definition().fields().size()), 50));
        table.getColumns().add(FeaturesView.column("First seen by", FeatureViewVersion::firstSeenBy, 110));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No versions."));
        return table;
    }

    private static VersionCommit introduced(FeatureViewVersion v) {
        return v.commits().stream().filter(c -> c.role().equals("introduced")).findFirst().orElse(null);
    }

    private static String commit(FeatureViewVersion v) {
        VersionCommit c = introduced(v);
        if (c == null) {
            return "";
        }
        long later = v.commits().size() - 1L;
        return c.sha().substring(0, 8) + " " + c.subject() + (later > 0 ? "  (+" + later + " later)" : "");
    }

    private static Node comparePane(FeatureDetailViewModel model) {
        ComboBox<String> from = new ComboBox<>(model.versionLabels());
        from.setId("compareFrom");
        ComboBox<String> to = new ComboBox<>(model.versionLabels());
        to.setId("compareTo");
        model.compareFromProperty().addListener((obs, old, now) -> from.setValue(now));
        model.compareToProperty().addListener((obs, old, now) -> to.setValue(now));
        from.setOnAction(e -> {
            if (from.getValue() != null && !from.getValue().equals(model.compareFromProperty().get())) {
                model.compare(from.getValue(), to.getValue());
            }
        });
        to.setOnAction(e -> {
            if (to.getValue() != null && !to.getValue().equals(model.compareToProperty().get())) {
                model.compare(from.getValue(), to.getValue());
            }
        });
        HBox choose = new HBox(8, new Label("From"), from, new Label("to"), to);
        choose.setAlignment(Pos.CENTER_LEFT);
        ListView<DiffLine> lines = new ListView<>(model.diff());
        lines.setId("versionDiff");
        lines.getStyleClass().add("version-diff");
        lines.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(DiffLine line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("diff-added", "diff-removed", "diff-retyped", "diff-changed");
                setText(empty || line == null ? null : line.text());
                if (!empty && line != null && line.kind() != DiffLine.Kind.NOTE) {
                    getStyleClass().add("diff-" + line.kind().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        });
        VBox.setVgrow(lines, Priority.ALWAYS);
        VBox pane = new VBox(8, choose, lines);
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private static TableView<UseRow> usesTable(FeatureDetailViewModel model) {
        TableView<UseRow> table = new TableView<>(model.uses());
        table.setId("featureUses");
        TableColumn<UseRow, UseRow> stale = new TableColumn<>("");
        stale.setId("col-stale");
        stale.setPrefWidth(70);
        stale.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        stale.setCellFactory(c -> new TableCell<>() {
            private final Hyperlink link = new Hyperlink("⚠ stale");

            {
                link.getStyleClass().add("stale-link");
            }

            @Override
            protected void updateItem(UseRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null || !row.stale()) {
                    setGraphic(null);
                    return;
                }
                link.setOnAction(e -> model.explainStale(row));
                setGraphic(link);
            }
        });
        table.getColumns().add(stale);
        table.getColumns().add(FeaturesView.column("Kind", UseRow::kind, 100));
        table.getColumns().add(FeaturesView.column("Run or model", UseRow::what, 220));
        table.getColumns().add(FeaturesView.column("Used", UseRow::version, 80));
        table.getColumns().add(FeaturesView.column("Current", UseRow::current, 70));
        table.getColumns().add(FeaturesView.column("How Braid knows", UseRow::how, 200));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No run recorded using this feature view (see ADR 19 for what Braid reads)."));
        table.setRowFactory(t -> {
            TableRow<UseRow> row = new TableRow<>() {
                @Override
                protected void updateItem(UseRow item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("stale"), !empty && item != null && item.stale());
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.openUse(row.getItem());
                }
            });
            return row;
        });
        return table;
    }

    private static Tab tab(String name, Node content) {
        Tab tab = new Tab(name, content);
        tab.setId("featureDetailTab-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        return tab;
    }
}
