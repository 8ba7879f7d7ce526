package dev.braid.features.ui;

import dev.braid.features.FeatureViewListing;
import dev.braid.features.feast.DataSourceInfo;
import dev.braid.features.feast.EntityInfo;
import dev.braid.features.feast.ServiceInfo;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * The Features screen: a search box and counts above the catalogue (feature views, entities,
 * feature services, data sources in tabs) on the left, the chosen view's page on the right.
 */
public final class FeaturesView {
    private final VBox root;

    public FeaturesView(FeaturesViewModel model) {
        TextField search = new TextField(model.searchProperty().get());
        search.setId("featureSearch");
        search.setPromptText("Search by name, tag, owner or entity (owner:ana  tag:team=risk  entity:customer)");
        search.setPrefColumnCount(40);
        search.textProperty().addListener((obs, old, now) -> model.search(now));
        Label counts = new Label();
        counts.setId("featureCounts");
        counts.getStyleClass().add("text-muted");
        counts.textProperty().bind(model.countsProperty());
        counts.setWrapText(true);
        counts.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox bar = new HBox(12, search);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(search, Priority.SOMETIMES);
        Label status = new Label();
        status.setId("featureStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        status.visibleProperty().bind(status.managedProperty());

        TabPane catalogue = new TabPane(tab("Feature views", viewsTable(model)),
                tab("Entities", entitiesTable(model)), tab("Services", servicesTable(model)),
                tab("Data sources", sourcesTable(model)));
        catalogue.setId("featureCatalogue");
        catalogue.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        catalogue.setMinWidth(280);
        SplitPane split = new SplitPane(catalogue, new FeatureDetailView(model.detail()).node());
        split.setDividerPositions(0.42);
        VBox.setVgrow(split, Priority.ALWAYS);
        // The counts have a line of their own: beside the search box the longest are cut off.
        root = new VBox(8, bar, counts, status, split);
        root.setPadding(new Insets(8));
        root.setId("featuresView");
        root.getStyleClass().addAll("page", "features-view");
        root.setMinSize(0, 0);
        model.refresh();
    }

    public Node node() {
        return root;
    }

    private static TableView<FeatureViewListing> viewsTable(FeaturesViewModel model) {
        TableView<FeatureViewListing> table = new TableView<>(model.views());
        table.setId("featureViewsTable");
        // Names and versions first at readable widths; the rest scrolls sideways rather than
        // squeezing every column to an ellipsis in a narrow catalogue pane.
        table.getColumns().add(column("Feature view", FeatureViewListing::name, 170));
        table.getColumns().add(readable(column("Version", FeatureViewListing::version, 76)));
        table.getColumns().add(readable(column("Fields", l -> Integer.toString(l.fields().size()), 64)));
        table.getColumns().add(column("Entities", l -> String.join(", ", l.entities()), 90));
        table.getColumns().add(readable(column("Project", FeatureViewListing::project, 90)));
        table.getColumns().add(readable(column("Kind", FeatureViewListing::kind, 80)));
        table.getColumns().add(column("Owner", FeatureViewListing::owner, 200));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No feature views."));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && (model.selectedProperty().get() == null || now.viewPk() != model.selectedProperty().get().viewPk())) {
                model.open(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
                table.scrollTo(now);
            }
        });
        return table;
    }

    private static TableView<EntityInfo> entitiesTable(FeaturesViewModel model) {
        TableView<EntityInfo> table = new TableView<>(model.entities());
        table.setId("entitiesTable");
        table.getColumns().add(column("Entity", EntityInfo::name, 120));
        table.getColumns().add(column("Join key", EntityInfo::joinKey, 110));
        table.getColumns().add(column("Project", EntityInfo::project, 90));
        table.getColumns().add(column("Description", EntityInfo::description, 160));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No entities."));
        return table;
    }

    private static TableView<ServiceInfo> servicesTable(FeaturesViewModel model) {
        TableView<ServiceInfo> table = new TableView<>(model.services());
        table.setId("servicesTable");
        table.getColumns().add(column("Feature service", ServiceInfo::name, 140));
        table.getColumns().add(column("Serves", s -> String.join(", ", s.views().stream()
                .map(v -> v.view() + (v.pinnedVersion() == null ? "" : "@v" + v.pinnedVersion())).toList()), 200));
        table.getColumns().add(column("Project", ServiceInfo::project, 90));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No feature services."));
        return table;
    }

    private static TableView<DataSourceInfo> sourcesTable(FeaturesViewModel model) {
        TableView<DataSourceInfo> table = new TableView<>(model.dataSources());
        table.setId("dataSourcesTable");
        table.getColumns().add(column("Data source", DataSourceInfo::name, 120));
        table.getColumns().add(column("Type", d -> d.ref().type(), 100));
        table.getColumns().add(column("Location", d -> d.ref().location(), 220));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No data sources."));
        return table;
    }

    private static Tab tab(String name, Node content) {
        Tab tab = new Tab(name, content);
        tab.setId("featureTab-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        return tab;
    }

    /** Never narrower than its header: a short column's title stays whole when the pane is narrow. */
    private static <T> TableColumn<T, String> readable(TableColumn<T, String> column) {
        column.setMinWidth(Math.max(column.getMinWidth(), column.getPrefWidth()));
        return column;
    }

    /** The theme's font size (AtlantaFX sets 14px on the root), and header padding plus sort arrow. */
    private static final double HEADER_FONT_SIZE = 14;
    private static final double HEADER_PADDING = 28;

    /** A text column never narrower than its title; a value cut short by the width shows in full on hover. */
    static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        // "Version" and "Fields" were cut to "Ver…" and "Fi…" at the widths their values need.
        double header = headerWidth(title);
        column.setMinWidth(header);
        column.setPrefWidth(Math.max(width, header));
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        return column;
    }

    /** The width a header needs for its title in the theme's bold header font, padding and sort arrow. */
    static double headerWidth(String title) {
        Text text = new Text(title);
        text.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, HEADER_FONT_SIZE));
        return Math.ceil(text.getLayoutBounds().getWidth()) + HEADER_PADDING;
    }
}
