package dev.braid.experiments.ui;

import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.RegisteredModel;
import dev.braid.experiments.RunSummary;
import dev.braid.ui.TaskRunner;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Models tab: registered models of every MLflow source (filtered by name), the versions of the
 * chosen one with aliases, stage, status, tags and source run, and the MLflow 3 logged models
 * with their source runs. A source run opens in the run detail; other screens can focus a version
 * or a logged model here.
 */
public final class ModelRegistryViewModel {
    private final ExperimentService service;
    private final TaskRunner runner;
    private final ZoneId zone;
    private final ObservableList<ModelEntry> models = FXCollections.observableArrayList();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final ObservableList<ModelEntry> modelsView = FXCollections.unmodifiableObservableList(models);
    private final ObservableList<VersionRow> versions = FXCollections.observableArrayList();
    private final ObservableList<VersionRow> versionsView = FXCollections.unmodifiableObservableList(versions);
    private final ObservableList<LoggedModelRow> loggedModels = FXCollections.observableArrayList();
    private final ObservableList<LoggedModelRow> loggedModelsView = FXCollections.unmodifiableObservableList(loggedModels);
    private final ReadOnlyObjectWrapper<ModelEntry> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<VersionRow> focusedVersion = new ReadOnlyObjectWrapper<>(this, "focusedVersion");
    private final ReadOnlyObjectWrapper<LoggedModelRow> focusedLoggedModel = new ReadOnlyObjectWrapper<>(this, "focusedLoggedModel");
    private final ReadOnlyStringWrapper filter = new ReadOnlyStringWrapper(this, "filter", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Loading…");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final javafx.beans.property.ReadOnlyBooleanWrapper lineageAvailable =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "lineageAvailable");
    private RegistrySnapshot loaded;
    private RegistryFocus pending;
    private Consumer<RunSummary> runOpener = run -> { };
    private LineageOpener lineageOpener;
    private CiRunLinks ciLinks = CiRunLinks.NONE;
    private final javafx.collections.ObservableMap<String, CiRunLinks.Job> trainedBy = FXCollections.observableHashMap();
    private final javafx.collections.ObservableMap<String, CiRunLinks.Job> trainedByView =
            FXCollections.unmodifiableObservableMap(trainedBy);
    private RunFeatures features;
    private final ObservableList<RunFeatures.UsedFeature> versionFeatures = FXCollections.observableArrayList();
    private final ObservableList<RunFeatures.UsedFeature> versionFeaturesView =
            FXCollections.unmodifiableObservableList(versionFeatures);

    /** Shows a model version in the Lineage explorer, by the name of its MLflow source, the model's name and the version. */
    @FunctionalInterface
    public interface LineageOpener {
        void open(String sourceName, String modelName, String version);
    }

    public ModelRegistryViewModel(ExperimentService service, TaskRunner runner, ZoneId zone) {
        this.service = service;
        this.runner = runner;
        this.zone = zone;
    }

    /** The registered models whose name contains the filter, by name. */
    public ObservableList<ModelEntry> models() {
        return modelsView;
    }

    /** The chosen model's versions, newest first. */
    public ObservableList<VersionRow> versions() {
        return versionsView;
    }

    /** Logged models whose name, or the name of a model registered from them, contains the filter; newest first. */
    public ObservableList<LoggedModelRow> loggedModels() {
        return loggedModelsView;
    }

    public ReadOnlyObjectProperty<ModelEntry> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The version another screen asked to see; the view selects and shows its row. */
    public ReadOnlyObjectProperty<VersionRow> focusedVersionProperty() {
        return focusedVersion.getReadOnlyProperty();
    }

    /** The logged model another screen asked to see. */
    public ReadOnlyObjectProperty<LoggedModelRow> focusedLoggedModelProperty() {
        return focusedLoggedModel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty filterProperty() {
        return filter.getReadOnlyProperty();
    }

    /** "3 registered models · 2 logged models", or what went wrong. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The chosen model's description, then its source and update time, then its aliases and tags. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Where a source run opens (the Experiments screen opens its detail). */
    public void setRunOpener(Consumer<RunSummary> opener) {
        this.runOpener = opener;
    }

    /** Lets a chosen version show the feature versions its run was trained on ({@link #versionFeatures()}). */
    public void setFeatures(RunFeatures lookup) {
        this.features = lookup;
    }

    /** The feature versions the chosen version's run used, stale ones flagged; empty without a run or a lookup. */
    public ObservableList<RunFeatures.UsedFeature> versionFeatures() {
        return versionFeaturesView;
    }

    /** Reads the features {@code row}'s run used into {@link #versionFeatures()}. */
    public void showFeatures(VersionRow row) {
        versionFeatures.clear();
        if (features == null || row == null || row.version().runId() == null) {
            return;
        }
        RunFeatures lookup = features;
        runner.run(() -> lookup.ofRun(row.sourceId(), row.version().runId()), versionFeatures::setAll,
                failure -> status.set("Could not read the features of version " + row.number() + ": " + failure.getMessage()));
    }

    /** Opens a feature view's page. */
    public void openFeature(RunFeatures.UsedFeature feature) {
        if (features != null && feature != null) {
            features.open(feature);
        }
    }

    /** Gives each version a "Lineage" link that shows it in the Lineage explorer. */
    public void setLineageOpener(LineageOpener opener) {
        this.lineageOpener = opener;
        lineageAvailable.set(opener != null);
    }

    /** Whether versions have a "Lineage" link. */
    public javafx.beans.property.ReadOnlyBooleanProperty lineageAvailableProperty() {
        return lineageAvailable.getReadOnlyProperty();
    }

    /** Gives versions whose run a CI job logged a "Trained by" link to that job in the Pipelines view. */
    void setCiLinks(CiRunLinks links) {
        this.ciLinks = links == null ? CiRunLinks.NONE : links;
        loadTrainedBy();
    }

    /** The CI job that logged each shown version's run, by {@link #key(VersionRow)}; a version without one is absent. */
    public javafx.collections.ObservableMap<String, CiRunLinks.Job> trainedBy() {
        return trainedByView;
    }

    /** The key of a version's run in {@link #trainedBy()}. */
    public static String key(VersionRow row) {
        return row.sourceId() + ":" + row.version().runId();
    }

    /** Shows the CI job that trained {@code row}'s run, in the Pipelines view. */
    public void openTrainedBy(VersionRow row) {
        CiRunLinks.Job job = row == null ? null : trainedBy.get(key(row));
        if (job != null) {
            ciLinks.open(job);
        }
    }

    private void loadTrainedBy() {
        List<VersionRow> rows = List.copyOf(versions);
        CiRunLinks links = ciLinks;
        runner.run(() -> {
            java.util.Map<String, CiRunLinks.Job> found = new java.util.HashMap<>();
            for (VersionRow row : rows) {
                if (row.version().runId() != null && !row.version().runId().isBlank()) {
                    links.jobsThatLogged(row.sourceId(), row.version().runId()).stream().findFirst()
                            .ifPresent(job -> found.put(key(row), job));
                }
            }
            return found;
        }, found -> {
            trainedBy.clear();
            trainedBy.putAll(found);
        }, failure -> { });
    }

    /** Opens the explorer focused on {@code row}, a version of the chosen model. */
    public void openLineage(VersionRow row) {
        ModelEntry entry = selected.get();
        if (lineageOpener == null || row == null || entry == null) {
            return;
        }
        lineageOpener.open(entry.sourceName(), row.version().name(), row.number());
    }

    /** Reads the registry and logged models again, keeping the filter, the chosen model and any focus asked for. */
    public void refresh() {
        runner.run(() -> RegistrySnapshot.read(service, zone), snapshot -> {
            loaded = snapshot;
            ModelEntry before = selected.get();
            applyFilter();
            ModelEntry again = before == null ? null : find(before.model().sourceId(), before.name());
            select(again != null ? again : models.isEmpty() ? null : models.get(0));
            status.set(count(snapshot.models().size(), "registered model") + " · "
                    + count(snapshot.loggedModels().size(), "logged model"));
            if (pending != null) {
                RegistryFocus focus = pending;
                pending = null;
                focus(focus);
            }
        }, failure -> status.set("Could not read the model registry: " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    /** Shows only models (and logged models) whose name contains {@code text}, ignoring case. */
    public void setFilter(String text) {
        filter.set(text == null ? "" : text.strip());
        if (loaded != null) {
            applyFilter();
            if (selected.get() == null || !models.contains(selected.get())) {
                select(models.isEmpty() ? null : models.get(0));
            }
        }
    }

    /** Shows a model's versions; null shows none. */
    public void select(ModelEntry entry) {
        selected.set(entry);
        focusedVersion.set(null);
        if (entry == null || loaded == null) {
            versions.clear();
            details.set("");
            return;
        }
        versions.setAll(loaded.versionRows(entry.model()));
        loadTrainedBy();
        RegisteredModel m = entry.model();
        List<String> lines = new ArrayList<>();
        lines.add(m.description() == null || m.description().isBlank() ? "No description." : m.description());
        lines.add("Source: " + entry.sourceName() + "   ·   Updated: " + RunFormats.time(m.lastUpdatedTimestamp(), zone));
        lines.add((m.aliases().isEmpty() ? "No aliases" : "Aliases: " + entry.aliases())
                + "   ·   " + (m.tags().isEmpty() ? "No tags" : "Tags: " + RegistrySnapshot.pairs(m.tags())));
        details.set(String.join("\n", lines));
    }

    /** Shows one version or one logged model, clearing the filter when it hides it; waits for the first load. */
    public void focus(RegistryFocus focus) {
        if (loaded == null) {
            pending = focus;
            return;
        }
        if (focus.loggedModelId() != null) {
            LoggedModelRow row = loaded.loggedModels().stream().filter(r -> r.model().sourceId() == focus.sourceId()
                    && r.model().modelId().equals(focus.loggedModelId())).findFirst().orElse(null);
            if (row == null) {
                status.set("Logged model " + focus.loggedModelId() + " is not in the cache.");
                return;
            }
            if (!loggedModels.contains(row)) {
                setFilter("");
            }
            focusedLoggedModel.set(null);
            focusedLoggedModel.set(row);
            return;
        }
        if (find(focus.sourceId(), focus.modelName()) == null) {
            setFilter("");
        }
        ModelEntry entry = find(focus.sourceId(), focus.modelName());
        if (entry == null) {
            status.set("Model " + focus.modelName() + " is not in the cache.");
            return;
        }
        select(entry);
        focusedVersion.set(versions.stream().filter(v -> v.number().equals(focus.version())).findFirst().orElse(null));
    }

    /** Opens the run a version or logged model was made from, or says it is not cached. */
    public void openRun(long sourceId, String runId) {
        if (runId == null || runId.isBlank()) {
            return;
        }
        runner.run(() -> service.run(sourceId, runId), found -> {
            if (found.isPresent()) {
                runOpener.accept(found.get().summary());
            } else {
                status.set("Run " + RunFormats.shortHash(runId) + " is not in the cache; sync its source to see it.");
            }
        }, failure -> status.set("Could not read run " + runId + ": " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    private void applyFilter() {
        String wanted = filter.get().toLowerCase(Locale.ROOT);
        models.setAll(loaded.models().stream().filter(e -> e.name().toLowerCase(Locale.ROOT).contains(wanted)).toList());
        loggedModels.setAll(loaded.loggedModels().stream().filter(r -> r.model().name().toLowerCase(Locale.ROOT).contains(wanted)
                || r.registeredAs().toLowerCase(Locale.ROOT).contains(wanted)).toList());
    }

    private ModelEntry find(long sourceId, String name) {
        return models.stream().filter(e -> e.is(sourceId, name)).findFirst().orElse(null);
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
