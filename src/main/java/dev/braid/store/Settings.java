package dev.braid.store;

import java.util.Map;

/**
 * What the user chose and where they left the window. Stored as JSON in the config folder, never in
 * the cache, so that rebuilding the cache keeps them.
 *
 * @param syncIntervalMinutes periodic sync interval; 0 turns periodic sync off
 * @param theme {@code light}, {@code dark} or {@code system}
 * @param window last window bounds, or null before the first close
 * @param lastView the navigation entry shown last (for example {@code repositories})
 * @param tableColumns per table id, its column order and widths, in the table's own encoding
 */
public record Settings(int syncIntervalMinutes, String theme, WindowBounds window, String lastView,
                       Map<String, String> tableColumns) {
    public static final int DEFAULT_SYNC_MINUTES = 5;

    public Settings {
        if (syncIntervalMinutes < 0) {
            syncIntervalMinutes = DEFAULT_SYNC_MINUTES;
        }
        if (theme == null || !(theme.equals("light") || theme.equals("dark") || theme.equals("system"))) {
            theme = "system";
        }
        tableColumns = tableColumns == null ? Map.of() : Map.copyOf(tableColumns);
    }

    public static Settings defaults() {
        return new Settings(DEFAULT_SYNC_MINUTES, "system", null, null, Map.of());
    }

    public Settings withSyncIntervalMinutes(int minutes) {
        return new Settings(minutes, theme, window, lastView, tableColumns);
    }

    public Settings withTheme(String value) {
        return new Settings(syncIntervalMinutes, value, window, lastView, tableColumns);
    }

    public Settings withWindow(WindowBounds value) {
        return new Settings(syncIntervalMinutes, theme, value, lastView, tableColumns);
    }

    public Settings withLastView(String value) {
        return new Settings(syncIntervalMinutes, theme, window, value, tableColumns);
    }

    public Settings withTableColumns(String tableId, String layout) {
        var copy = new java.util.HashMap<>(tableColumns);
        copy.put(tableId, layout);
        return new Settings(syncIntervalMinutes, theme, window, lastView, copy);
    }

    /** Window position and size in screen pixels. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }
}
