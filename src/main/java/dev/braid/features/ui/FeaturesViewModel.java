package dev.braid.features.ui;

import dev.braid.features.CatalogueOverview;
import dev.braid.features.FeatureCatalogService;
import dev.braid.features.FeatureUsageService;
import dev.braid.features.FeatureViewListing;
import dev.braid.features.feast.DataSourceInfo;
import dev.braid.features.feast.EntityInfo;
import dev.braid.features.feast.ServiceInfo;
import dev.braid.ui.TaskRunner;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Features screen: the catalogue (feature views, entities, feature services, data sources)
 * with a search, counts and the last change, and the chosen view's page ({@link FeatureDetailViewModel}).
 */
public final class FeaturesViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private final FeatureCatalogService catalogue;
    private final TaskRunner runner;
    private final ZoneId zone;
    private final FeatureDetailViewModel detail;
    private final ObservableList<FeatureViewListing> views = FXCollections.observableArrayList();
    private final ObservableList<FeatureViewListing> viewsView = FXCollections.unmodifiableObservableList(views);
    private final ObservableList<EntityInfo> entities = FXCollections.observableArrayList();
    private final ObservableList<EntityInfo> entitiesView = FXCollections.unmodifiableObservableList(entities);
    private final ObservableList<ServiceInfo> services = FXCollections.observableArrayList();
    private final ObservableList<ServiceInfo> servicesView = FXCollections.unmodifiableObservableList(services);
    private final ObservableList<DataSourceInfo> dataSources = FXCollections.observableArrayList();
    private final ObservableList<DataSourceInfo> dataSourcesView = FXCollections.unmodifiableObservableList(dataSources);
    private final ReadOnlyStringWrapper search = new ReadOnlyStringWrapper(this, "search", "");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Loading…");
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(this, "empty", false);
    private final ReadOnlyObjectWrapper<FeatureViewListing> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private long generation;
    private String pendingOpen;

    public FeaturesViewModel(FeatureCatalogService catalogue, FeatureUsageService usage, TaskRunner runner, ZoneId zone) {
        this.catalogue = catalogue;
        this.runner = runner;
        this.zone = zone;
        this.detail = new FeatureDetailViewModel(catalogue, usage, runner);
    }

    /** Where links out of the feature pages lead (runs, model versions, the Lineage explorer). */
    public void setLinks(FeatureLinksOut links) {
        detail.setLinks(links);
    }

    public FeatureDetailViewModel detail() {
        return detail;
    }

    /** Reads the catalogue again for the current search, keeping the chosen view. */
    public void refresh() {
        long mine = ++generation;
        String text = search.get();
        runner.run(() -> catalogue.overview(text), overview -> {
            if (mine == generation) {
                show(overview);
            }
        }, failure -> status.set("Could not read the feature catalogue: " + failure.getMessage()));
    }

    /** Shows only what matches {@code text} (names, tags, owners, entities; {@code owner:}, {@code tag:k=v}, {@code entity:}). */
    public void search(String text) {
        search.set(text == null ? "" : text.strip());
        refresh();
    }

    /** Opens a view's page. */
    public void open(FeatureViewListing listing) {
        selected.set(listing);
        if (listing != null) {
            detail.open(listing.viewPk());
        }
    }

    /** Opens the view {@code project/name} (or {@code name}) from another screen, once the catalogue has loaded. */
    public void open(String qualifiedName) {
        pendingOpen = qualifiedName;
        if (search.get().isEmpty() && !views.isEmpty()) {
            openPending();
        } else {
            search("");
        }
    }

    private void show(CatalogueOverview overview) {
        views.setAll(overview.views());
        entities.setAll(overview.entities());
        services.setAll(overview.services());
        dataSources.setAll(overview.dataSources());
        empty.set(overview.isEmpty() && search.get().isEmpty());
        counts.set(overview.projects().size() + plural(overview.projects().size(), " project") + " · "
                + overview.views().size() + plural(overview.views().size(), " feature view") + " · "
                + overview.entities().size() + plural(overview.entities().size(), " entit", "y", "ies") + " · "
                + overview.services().size() + plural(overview.services().size(), " feature service") + " · "
                + overview.dataSources().size() + plural(overview.dataSources().size(), " data source")
                + (overview.lastChange() == null ? "" : " · last change " + WHEN.format(overview.lastChange().atZone(zone))));
        status.set(empty.get() ? "No feature store yet: add a Feast registry server or registry.db with"
                + " braid features add URL|PATH, or open the demo." : overview.views().isEmpty() ? "Nothing matches the search." : "");
        FeatureViewListing before = selected.get();
        if (pendingOpen != null) {
            openPending();
        } else if (before != null) {
            views.stream().filter(v -> v.viewPk() == before.viewPk()).findFirst().ifPresent(this::open);
        } else if (!views.isEmpty()) {
            open(views.get(0));
        }
    }

    private void openPending() {
        String wanted = pendingOpen;
        pendingOpen = null;
        views.stream().filter(v -> (v.project() + "/" + v.name()).equals(wanted) || v.name().equals(wanted)).findFirst()
                .ifPresentOrElse(this::open, () -> status.set("Feature view " + wanted + " is not in the catalogue."));
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }

    private static String plural(int n, String stem, String one, String many) {
        return stem + (n == 1 ? one : many);
    }

    public ObservableList<FeatureViewListing> views() {
        return viewsView;
    }

    public ObservableList<EntityInfo> entities() {
        return entitiesView;
    }

    public ObservableList<ServiceInfo> services() {
        return servicesView;
    }

    public ObservableList<DataSourceInfo> dataSources() {
        return dataSourcesView;
    }

    public ReadOnlyStringProperty searchProperty() {
        return search.getReadOnlyProperty();
    }

    /** "1 project · 4 feature views · 2 entities · 2 feature services · 2 data sources · last change …". */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True when no Feast source has listed anything yet. */
    public ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FeatureViewListing> selectedProperty() {
        return selected.getReadOnlyProperty();
    }
}
