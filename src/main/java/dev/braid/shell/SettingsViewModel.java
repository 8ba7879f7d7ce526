package dev.braid.shell;

import dev.braid.store.Settings;
import dev.braid.ui.Theme;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The settings screen: where the data lives (read-only), how often to sync, which theme, the
 * largest run artifact fetched for previewing. Changes apply at once and are saved shortly after.
 */
public final class SettingsViewModel {
    private final String dataDir;
    private final IntegerProperty syncIntervalMinutes = new SimpleIntegerProperty(this, "syncIntervalMinutes");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final IntegerProperty artifactCapMb = new SimpleIntegerProperty(this, "artifactCapMb");

    public SettingsViewModel(String dataDir, SettingsKeeper settings, PeriodicSync periodicSync) {
        this.dataDir = dataDir;
        Settings current = settings.current();
        syncIntervalMinutes.set(current.syncIntervalMinutes());
        theme.set(Theme.fromSetting(current.theme()));
        artifactCapMb.set(current.artifactCapMb());
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
        artifactCapMb.addListener((obs, old, now) -> {
            Settings changed = settings.current().withArtifactCapMb(now.intValue());
            settings.update(s -> s.withArtifactCapMb(changed.artifactCapMb()));
            if (changed.artifactCapMb() != now.intValue()) {
                artifactCapMb.set(changed.artifactCapMb());
            }
        });
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

    /** The chosen theme; the window listens and restyles itself. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }
}
