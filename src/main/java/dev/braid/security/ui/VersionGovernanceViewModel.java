package dev.braid.security.ui;

import dev.braid.experiments.ui.SelectedVersion;
import dev.braid.lineage.InheritedLabel;
import dev.braid.security.FileScan;
import dev.braid.security.PromotionRefused;
import dev.braid.security.ScanState;
import dev.braid.security.SecurityServices;
import dev.braid.security.VersionRef;
import dev.braid.security.VersionScan;
import dev.braid.security.env.Difference;
import dev.braid.security.env.Environment;
import dev.braid.security.env.Severity;
import dev.braid.ui.TaskRunner;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The governance summary of the chosen model version: its scan verdict (with the files that are
 * not safe), its environment against the registered model's serving target, the sensitivity
 * labels it inherits from its data, BOM export, and setting an alias through the promotion gate.
 */
public final class VersionGovernanceViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final SecurityServices security;
    private final TaskRunner runner;
    private final ZoneId zone;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "No version chosen");
    private final ReadOnlyStringWrapper rating = new ReadOnlyStringWrapper(this, "rating", "");
    private final ReadOnlyStringWrapper scan = new ReadOnlyStringWrapper(this, "scan", "");
    private final ObservableList<String> findings = FXCollections.observableArrayList();
    private final ObservableList<String> findingsView = FXCollections.unmodifiableObservableList(findings);
    private final ReadOnlyStringWrapper environment = new ReadOnlyStringWrapper(this, "environment", "");
    private final ObservableList<String> differences = FXCollections.observableArrayList();
    private final ObservableList<String> differencesView = FXCollections.unmodifiableObservableList(differences);
    private final ReadOnlyStringWrapper labels = new ReadOnlyStringWrapper(this, "labels", "");
    private final ReadOnlyStringWrapper promotion = new ReadOnlyStringWrapper(this, "promotion", "");
    private final ReadOnlyBooleanWrapper needsOverride = new ReadOnlyBooleanWrapper(this, "needsOverride", true);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper chosen = new ReadOnlyBooleanWrapper(this, "chosen");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private VersionRef shown;

    public VersionGovernanceViewModel(SecurityServices security, TaskRunner runner, ZoneId zone) {
        this.security = security;
        this.runner = runner;
        this.zone = zone;
    }

    /** Reads the governance state of {@code version}; null shows nothing. */
    public void show(SelectedVersion version) {
        message.set("");
        findings.clear();
        differences.clear();
        if (version == null) {
            shown = null;
            chosen.set(false);
            title.set("No version chosen");
            scan.set("");
            rating.set("");
            environment.set("");
            labels.set("");
            promotion.set("");
            return;
        }
        VersionRef ref = new VersionRef(version.sourceId(), version.sourceName(), version.model(), version.version());
        shown = ref;
        chosen.set(true);
        title.set("Governance · " + ref.model() + " version " + ref.version());
        scan.set("Reading…");
        runner.run(() -> new Summary(security.scans().lastScan(ref, true), security.promotion().check(ref),
                security.labels(ref), security.environments().servingTarget(ref.sourceId(), ref.model())), summary -> {
            if (ref.equals(shown)) {
                apply(summary);
                compare(ref, summary.target());
            }
        }, failure -> scan.set("Could not read the governance state: " + failure.getMessage()));
    }

    private record Summary(Optional<VersionScan> scan, ScanState state, List<InheritedLabel> labels, Optional<String> target) {
    }

    private void apply(Summary s) {
        ScanState state = s.state();
        rating.set(state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        scan.set(s.scan().map(v -> state.words() + " · " + v.fileCount() + " file" + (v.fileCount() == 1 ? "" : "s")
                + " scanned " + TIME.format(v.scannedAt().atZone(zone)) + (v.current() ? "" : " under an older policy"))
                .orElse("not scanned"));
        List<String> lines = new ArrayList<>();
        for (FileScan f : s.scan().map(VersionScan::files).orElse(List.of())) {
            if (f.rating() != dev.braid.security.scan.Rating.SAFE) {
                lines.add(f.rating().word() + " · " + f.path() + (f.findings().isEmpty() ? "" : " · "
                        + f.findings().get(0).message()));
            }
        }
        findings.setAll(lines);
        needsOverride.set(state.needsOverride());
        promotion.set(state.needsOverride() ? "Setting an alias needs an explicit override (" + state.words() + ")"
                : "Setting an alias is allowed: the files were scanned safe");
        labels.set(s.labels().isEmpty() ? "No sensitivity labels" : "Labels: " + String.join(", ", s.labels().stream()
                .map(l -> l.label() + (l.path().size() > 1 ? " (from " + l.labelledNode().value() + ")" : "")).distinct()
                .toList()));
        environment.set(s.target().map(t -> "Serving target: " + t + " · comparing…")
                .orElse("No serving target set for " + shown.model()));
    }

    private void compare(VersionRef ref, Optional<String> target) {
        if (target.isEmpty()) {
            return;
        }
        runner.run(() -> {
            Environment model = security.environments().ofVersion(ref);
            Environment serving = security.environments().ofServing(target.get());
            return security.environments().diff(model, serving);
        }, diff -> {
            if (ref.equals(shown)) {
                Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
                diff.forEach(d -> counts.merge(d.severity(), 1, Integer::sum));
                environment.set("Serving target: " + target.get() + " · " + (diff.isEmpty() ? "matches"
                        : counts.getOrDefault(Severity.HIGH, 0) + " high, " + counts.getOrDefault(Severity.MEDIUM, 0)
                        + " medium, " + counts.getOrDefault(Severity.LOW, 0) + " low"));
                differences.setAll(diff.stream().filter(d -> d.severity() != Severity.INFO).map(Difference::message)
                        .map(m -> m.length() > 160 ? m.substring(0, 160) + "…" : m).toList());
            }
        }, failure -> {
            if (ref.equals(shown)) {
                environment.set("Serving target: " + target.get() + " · cannot compare now: " + failure.getMessage());
            }
        });
    }

    /** Fetches and scans the version's files (only contents not seen before). */
    public void scan() {
        VersionRef ref = shown;
        if (ref == null) {
            return;
        }
        busy.set(true);
        message.set("Scanning " + ref.label() + "…");
        runner.run(() -> security.scans().scanVersion(ref, false), done -> {
            busy.set(false);
            message.set("Scanned: " + done.rating().word());
            refresh();
        }, failure -> {
            busy.set(false);
            message.set("Could not scan: " + failure.getMessage());
        });
    }

    /** Sets the registered model's serving target (a file, or {@code repo:NAME@REF:PATH}). */
    public void setServingTarget(String location) {
        VersionRef ref = shown;
        if (ref == null || location == null || location.isBlank()) {
            return;
        }
        runner.run(() -> {
            security.environments().setServingTarget(ref.sourceId(), ref.model(), location.strip());
            return location;
        }, done -> refresh(), failure -> message.set("Could not use " + location + ": " + failure.getMessage()));
    }

    /** Writes the version's CycloneDX BOM to {@code file}. */
    public void exportBom(Path file) {
        VersionRef ref = shown;
        if (ref == null || file == null) {
            return;
        }
        message.set("Writing the BOM…");
        runner.run(() -> security.boms().write(ref, file), done -> message.set("BOM written to " + done),
                failure -> message.set("Could not write the BOM: " + failure.getMessage()));
    }

    /**
     * Points {@code alias} at the version; {@code overrideReason} is needed when
     * {@link #needsOverrideProperty()} is true and is recorded with who gave it.
     */
    public void setAlias(String alias, String overrideReason) {
        VersionRef ref = shown;
        if (ref == null) {
            return;
        }
        runner.run(() -> {
            var entry = security.promotion().setAlias(ref, alias, overrideReason);
            return entry.state().name().toLowerCase(java.util.Locale.ROOT);
        }, state -> message.set("Alias " + alias + " set on " + ref.label() + " (" + state + "; sent with the next sync"
                + " if the server is not reachable now)"), failure -> message.set(failure instanceof PromotionRefused refused
                ? refused.getMessage() : "Could not set the alias: " + failure.getMessage()));
    }

    private void refresh() {
        VersionRef ref = shown;
        if (ref != null) {
            show(new SelectedVersion(ref.sourceId(), ref.sourceName(), ref.model(), ref.version()));
        }
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** {@code safe}, {@code dangerous}, …, {@code not-scanned}, {@code out-of-date}: for the badge's style. */
    public ReadOnlyStringProperty ratingProperty() {
        return rating.getReadOnlyProperty();
    }

    /** "dangerous · 4 files scanned 2026-05-01 10:00", or "not scanned". */
    public ReadOnlyStringProperty scanProperty() {
        return scan.getReadOnlyProperty();
    }

    /** The files that are not safe, each with its worst finding. */
    public ObservableList<String> findings() {
        return findingsView;
    }

    /** The serving target and how the version's environment compares with it. */
    public ReadOnlyStringProperty environmentProperty() {
        return environment.getReadOnlyProperty();
    }

    /** The environment differences that matter (high, medium, low). */
    public ObservableList<String> differences() {
        return differencesView;
    }

    /** The sensitivity labels the version inherits. */
    public ReadOnlyStringProperty labelsProperty() {
        return labels.getReadOnlyProperty();
    }

    /** Whether setting an alias needs an override, in words. */
    public ReadOnlyStringProperty promotionProperty() {
        return promotion.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty needsOverrideProperty() {
        return needsOverride.getReadOnlyProperty();
    }

    /** What the last command did, or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty chosenProperty() {
        return chosen.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
