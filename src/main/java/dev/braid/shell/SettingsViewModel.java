package dev.braid.shell;

import dev.braid.store.Settings;
import dev.braid.ui.Theme;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The settings screen: where the data lives (read-only), how often to sync, which theme, the
 * largest run artifact fetched for previewing, how much CI job logs may take in the cache, where
 * the window's OpenLineage receiver listens.
 * Changes apply at once (the receiver's at its next start) and are saved shortly after.
 */
public final class SettingsViewModel {
    private final String dataDir;
    private final IntegerProperty syncIntervalMinutes = new SimpleIntegerProperty(this, "syncIntervalMinutes");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final IntegerProperty artifactCapMb = new SimpleIntegerProperty(this, "artifactCapMb");
    private final IntegerProperty logCapMb = new SimpleIntegerProperty(this, "logCapMb");
    private final StringProperty receiverHost = new SimpleStringProperty(this, "receiverHost");
    private final IntegerProperty receiverPort = new SimpleIntegerProperty(this, "receiverPort");
    private final StringProperty receiverTokenEnv = new SimpleStringProperty(this, "receiverTokenEnv");

    public SettingsViewModel(String dataDir, SettingsKeeper settings, PeriodicSync periodicSync) {
        this.dataDir = dataDir;
        Settings current = settings.current();
        syncIntervalMinutes.set(current.syncIntervalMinutes());
        theme.set(Theme.fromSetting(current.theme()));
        artifactCapMb.set(current.artifactCapMb());
        logCapMb.set(current.logCapMb());
        syncIntervalMinutes.addListener((obs, old, now) -> {
            int minutes = Math.max(0, now.intValue());
            settings.update(s -> s.withSyncIntervalMinutes(minutes));
            periodicSync.schedule(minutes);
        });
        theme.addListener((obs, old, now) -> {
            if (now != null) {
                settings.update(s -> s.withTheme(now.settingValue()));
            }
        });
        receiverHost.set(current.receiver().host());
        receiverPort.set(current.receiver().port());
        receiverTokenEnv.set(current.receiver().tokenEnv() == null ? "" : current.receiver().tokenEnv());
        receiverHost.addListener((obs, old, now) -> saveReceiver(settings));
        receiverPort.addListener((obs, old, now) -> saveReceiver(settings));
        receiverTokenEnv.addListener((obs, old, now) -> saveReceiver(settings));
        artifactCapMb.addListener((obs, old, now) -> {
            settings.update(s -> s.withArtifactCapMb(now.intValue()));
            int kept = settings.current().artifactCapMb();
            if (kept != now.intValue()) {
                artifactCapMb.set(kept);
            }
        });
        logCapMb.addListener((obs, old, now) -> {
            settings.update(s -> s.withLogCapMb(now.intValue()));
            int kept = settings.current().logCapMb();
            if (kept != now.intValue()) {
                logCapMb.set(kept);
            }
        });
    }

    private void saveReceiver(SettingsKeeper settings) {
        Settings.Receiver chosen = new Settings.Receiver(receiverHost.get(), receiverPort.get(), receiverTokenEnv.get());
        settings.update(s -> s.withReceiver(chosen));
    }

    /** Where the window's OpenLineage receiver listens (127.0.0.1 unless the user binds it elsewhere). */
    public StringProperty receiverHostProperty() {
        return receiverHost;
    }

    /** The receiver's port (5050 by default). */
    public IntegerProperty receiverPortProperty() {
        return receiverPort;
    }

    /** The environment variable holding the bearer token callers must send; empty for none. */
    public StringProperty receiverTokenEnvProperty() {
        return receiverTokenEnv;
    }

    public String dataDir() {
        return dataDir;
    }

    /** Minutes between automatic syncs; 0 turns them off. */
    public IntegerProperty syncIntervalMinutesProperty() {
        return syncIntervalMinutes;
    }

    /**
     * The largest run artifact, in MB, fetched for previewing ({@value Settings#DEFAULT_ARTIFACT_CAP_MB}
     * by default); a value out of range is put back in it. The artifact service listens.
     */
    public IntegerProperty artifactCapMbProperty() {
        return artifactCapMb;
    }

    /**
     * How much CI job logs may take in the cache, in MB ({@value Settings#DEFAULT_LOG_CAP_MB} by
     * default); a value out of range is put back in it. The pipelines service listens and drops the
     * oldest logs until the rest fit.
     */
    public IntegerProperty logCapMbProperty() {
        return logCapMb;
    }

    /** The chosen theme; the window listens and restyles itself. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }
}
