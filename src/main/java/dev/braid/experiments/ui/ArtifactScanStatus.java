package dev.braid.experiments.ui;

import dev.braid.experiments.ArtifactEntry;
import dev.braid.experiments.ArtifactScans;
import dev.braid.ui.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The scan verdict of the selected artifact file, and the command that scans it. Part of the artifact tree's model. */
public final class ArtifactScanStatus {
    private final ArtifactScans scans;
    private final TaskRunner runner;
    private final long runPk;
    private final ReadOnlyStringWrapper rating = new ReadOnlyStringWrapper(this, "rating", "");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyBooleanWrapper canScan = new ReadOnlyBooleanWrapper(this, "canScan");
    private ArtifactEntry shown;

    ArtifactScanStatus(ArtifactScans scans, TaskRunner runner, long runPk) {
        this.scans = scans;
        this.runner = runner;
        this.runPk = runPk;
    }

    /** {@code safe}, {@code unknown}, {@code suspicious}, {@code dangerous}, or "" when not scanned. */
    public ReadOnlyStringProperty ratingProperty() {
        return rating.getReadOnlyProperty();
    }

    /** "Scan: dangerous · calls posix.system …", "Not scanned", or what went wrong. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Whether a file is selected that can be scanned now. */
    public ReadOnlyBooleanProperty canScanProperty() {
        return canScan.getReadOnlyProperty();
    }

    /** Shows what is known of {@code entry} (a file), or nothing for folders. */
    void show(ArtifactEntry entry) {
        shown = entry;
        rating.set("");
        boolean file = entry != null && !entry.directory();
        canScan.set(file);
        text.set(file ? "Checking for a scan…" : "");
        if (!file) {
            return;
        }
        runner.run(() -> scans.known(runPk, entry.path()), known -> {
            if (shown == entry) {
                known.ifPresentOrElse(this::verdict, () -> text.set("Not scanned."));
            }
        }, failure -> text.set("Could not read scans: " + failure.getMessage()));
    }

    /** Scans the selected file now. */
    public void scan() {
        ArtifactEntry entry = shown;
        if (entry == null || entry.directory()) {
            return;
        }
        canScan.set(false);
        text.set("Scanning " + entry.name() + "…");
        runner.run(() -> scans.scan(runPk, entry), verdict -> {
            if (shown == entry) {
                verdict(verdict);
                canScan.set(true);
            }
        }, failure -> {
            if (shown == entry) {
                text.set("Could not scan " + entry.name() + ": " + failure.getMessage());
                canScan.set(true);
            }
        });
    }

    private void verdict(ArtifactScans.Verdict verdict) {
        rating.set(verdict.rating());
        text.set("Scan: " + verdict.rating() + " · " + verdict.summary());
    }
}
