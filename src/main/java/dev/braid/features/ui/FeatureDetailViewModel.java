package dev.braid.features.ui;

import dev.braid.features.FeatureCatalogService;
import dev.braid.features.FeatureException;
import dev.braid.features.FeatureUsageService;
import dev.braid.features.FeatureUse;
import dev.braid.features.FeatureViewDetail;
import dev.braid.features.FeatureViewVersion;
import dev.braid.features.ModelVersionRef;
import dev.braid.features.VersionDiff;
import dev.braid.features.feast.ViewField;
import dev.braid.ui.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One feature view's page: its fields, version timeline, the comparison of two chosen versions,
 * the runs and model versions that used it with stale-use warnings, and where its links lead.
 */
public final class FeatureDetailViewModel {
    private final FeatureCatalogService catalogue;
    private final FeatureUsageService usage;
    private final TaskRunner runner;
    private final ReadOnlyObjectWrapper<FeatureViewDetail> view = new ReadOnlyObjectWrapper<>(this, "view");
    private final ObservableList<ViewField> fields = FXCollections.observableArrayList();
    private final ObservableList<ViewField> fieldsView = FXCollections.unmodifiableObservableList(fields);
    private final ObservableList<FeatureViewVersion> versions = FXCollections.observableArrayList();
    private final ObservableList<FeatureViewVersion> versionsView = FXCollections.unmodifiableObservableList(versions);
    private final ObservableList<UseRow> uses = FXCollections.observableArrayList();
    private final ObservableList<UseRow> usesView = FXCollections.unmodifiableObservableList(uses);
    private final ObservableList<DiffLine> diff = FXCollections.observableArrayList();
    private final ObservableList<DiffLine> diffView = FXCollections.unmodifiableObservableList(diff);
    private final ObservableList<String> versionLabels = FXCollections.observableArrayList();
    private final ObservableList<String> versionLabelsView = FXCollections.unmodifiableObservableList(versionLabels);
    private final ReadOnlyStringWrapper compareFrom = new ReadOnlyStringWrapper(this, "compareFrom");
    private final ReadOnlyStringWrapper compareTo = new ReadOnlyStringWrapper(this, "compareTo");
    private final ReadOnlyStringWrapper staleWarning = new ReadOnlyStringWrapper(this, "staleWarning", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper requestedTab = new ReadOnlyStringWrapper(this, "requestedTab", "");
    private FeatureLinksOut links = FeatureLinksOut.NONE;
    private long generation;
    private long comparison;

    public FeatureDetailViewModel(FeatureCatalogService catalogue, FeatureUsageService usage, TaskRunner runner) {
        this.catalogue = catalogue;
        this.usage = usage;
        this.runner = runner;
    }

    void setLinks(FeatureLinksOut links) {
        this.links = links;
    }

    /** Loads the view with this key, with its uses; the newest load wins. */
    void open(long viewPk) {
        long mine = ++generation;
        status.set("Loading…");
        runner.run(() -> new Loaded(catalogue.view(viewPk).orElse(null), usage.usedBy(viewPk, null)), loaded -> {
            if (mine == generation) {
                show(loaded);
            }
        }, failure -> status.set("Could not read the feature view: " + failure.getMessage()));
    }

    private record Loaded(FeatureViewDetail view, List<FeatureUse> uses) {
    }

    private void show(Loaded loaded) {
        FeatureViewDetail v = loaded.view();
        view.set(v);
        if (v == null) {
            status.set("This feature view is no longer in the cache.");
            fields.clear();
            versions.clear();
            uses.clear();
            diff.clear();
            return;
        }
        status.set("");
        fields.setAll(v.definition().fields());
        List<FeatureViewVersion> newestFirst = new ArrayList<>(v.versions());
        java.util.Collections.reverse(newestFirst);
        versions.setAll(newestFirst);
        versionLabels.setAll(v.versions().stream().map(FeatureViewVersion::version).toList());
        List<UseRow> rows = new ArrayList<>();
        int staleModels = 0;
        int staleRuns = 0;
        String oldest = null;
        for (FeatureUse u : loaded.uses()) {
            rows.add(new UseRow(u, null));
            staleRuns += u.stale() ? 1 : 0;
            for (ModelVersionRef m : u.modelVersions()) {
                rows.add(new UseRow(u, m));
                staleModels += u.stale() ? 1 : 0;
            }
            if (u.stale()) {
                oldest = u.version();
            }
        }
        uses.setAll(rows);
        staleWarning.set(staleModels + staleRuns == 0 ? "" : staleModels + " model version" + (staleModels == 1 ? "" : "s")
                + " and " + staleRuns + " run" + (staleRuns == 1 ? "" : "s") + " used an older version than "
                + v.currentVersion() + ", the version " + v.name() + " is at now.");
        int count = v.versions().size();
        String to = v.currentVersion();
        String from = oldest != null ? oldest : count > 1 ? v.versions().get(count - 2).version() : to;
        compare(from, to);
    }

    /**
     * Compares two versions of the open view (labels as listed); shows the differences in
     * {@link #diff()} once read (off the UI thread; the newest comparison wins).
     */
    public void compare(String from, String to) {
        FeatureViewDetail v = view.get();
        compareFrom.set(from);
        compareTo.set(to);
        long mine = ++comparison;
        if (v == null || from == null || to == null) {
            diff.clear();
            return;
        }
        String name = v.qualifiedName();
        runner.run(() -> diffLines(name, from, to), lines -> {
            if (mine == comparison) {
                diff.setAll(lines);
            }
        }, failure -> status.set("Could not compare " + from + " and " + to + ": " + failure.getMessage()));
    }

    private List<DiffLine> diffLines(String name, String from, String to) {
        try {
            VersionDiff d = catalogue.diff(name, from, to);
            List<DiffLine> lines = new ArrayList<>();
            d.added().forEach(f -> lines.add(new DiffLine(DiffLine.Kind.ADDED, "+ " + f.name() + ": " + f.type())));
            d.removed().forEach(f -> lines.add(new DiffLine(DiffLine.Kind.REMOVED, "− " + f.name() + ": " + f.type())));
            d.retyped().forEach(r -> lines.add(new DiffLine(DiffLine.Kind.RETYPED, "~ " + r.field() + ": " + r.before() + " → " + r.after())));
            d.changes().forEach(c -> lines.add(new DiffLine(DiffLine.Kind.CHANGED, c.what() + ": " + blank(c.before()) + " → " + blank(c.after()))));
            if (lines.isEmpty()) {
                lines.add(new DiffLine(DiffLine.Kind.NOTE, from.equals(to) ? "The same version." : "No differences in the definition."));
            }
            return lines;
        } catch (FeatureException e) {
            return List.of(new DiffLine(DiffLine.Kind.NOTE, e.getMessage()));
        }
    }

    /** Shows what changed between the version a stale use used and the current one, on the comparison tab. */
    public void explainStale(UseRow row) {
        if (row != null && row.stale()) {
            compare(row.use().version(), row.use().currentVersion());
            requestedTab.set("");
            requestedTab.set("compare");
        }
    }

    /** Opens a use's run in Experiments, or its model version in the registry. */
    public void openUse(UseRow row) {
        if (row == null || !row.use().isMlflowRun()) {
            return;
        }
        if (row.isModel()) {
            links.openModelVersion(row.model().source(), row.model().model(), row.model().version());
        } else {
            links.openRun(row.use().mlflowSource(), row.use().runId());
        }
    }

    public void openLineage() {
        FeatureViewDetail v = view.get();
        if (v != null) {
            links.openLineage(v.project(), v.name(), v.currentVersion());
        }
    }

    public boolean hasLineage() {
        return links.hasLineage();
    }

    public ReadOnlyObjectProperty<FeatureViewDetail> viewProperty() {
        return view.getReadOnlyProperty();
    }

    public ObservableList<ViewField> fields() {
        return fieldsView;
    }

    /** Newest first. */
    public ObservableList<FeatureViewVersion> versions() {
        return versionsView;
    }

    /** Oldest first, for choosing what to compare. */
    public ObservableList<String> versionLabels() {
        return versionLabelsView;
    }

    public ObservableList<UseRow> uses() {
        return usesView;
    }

    public ObservableList<DiffLine> diff() {
        return diffView;
    }

    public ReadOnlyStringProperty compareFromProperty() {
        return compareFrom.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty compareToProperty() {
        return compareTo.getReadOnlyProperty();
    }

    /** Empty when no run or model version used an older version than the current one. */
    public ReadOnlyStringProperty staleWarningProperty() {
        return staleWarning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The tab the page should show after a command ({@code compare}); empty otherwise. */
    public ReadOnlyStringProperty requestedTabProperty() {
        return requestedTab.getReadOnlyProperty();
    }

    private static String blank(String text) {
        return text == null || text.isEmpty() ? "(none)" : text;
    }
}
