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
 * @param artifactCapMb the largest run artifact fetched for previewing, in MB (a file saved before
 *     this setting existed has none: the default then)
 * @param receiver where the window's OpenLineage receiver listens, and the environment variable
 *     holding the bearer token it requires (none by default)
 * @param logCapMb how much CI job logs fetched on demand may take in the cache, in MB (oldest
 *     dropped first; a file saved before this setting existed has none: the default then)
 */
public record Settings(int syncIntervalMinutes, String theme, WindowBounds window, String lastView,
                       Map<String, String> tableColumns, int artifactCapMb, Receiver receiver, int logCapMb) {
    public static final int DEFAULT_SYNC_MINUTES = 5;
    public static final int DEFAULT_ARTIFACT_CAP_MB = 50;
    /** The largest artifact cap offered: 10 GB. */
    public static final int MAX_ARTIFACT_CAP_MB = 10_240;
    public static final int DEFAULT_LOG_CAP_MB = 200;
    /** The largest job-log cap offered: 10 GB. */
    public static final int MAX_LOG_CAP_MB = 10_240;

    public Settings {
        if (syncIntervalMinutes < 0) {
            syncIntervalMinutes = DEFAULT_SYNC_MINUTES;
        }
        if (theme == null || !(theme.equals("light") || theme.equals("dark") || theme.equals("system"))) {
            theme = "system";
        }
        tableColumns = tableColumns == null ? Map.of() : Map.copyOf(tableColumns);
        if (artifactCapMb <= 0) {
            artifactCapMb = DEFAULT_ARTIFACT_CAP_MB;
        }
        artifactCapMb = Math.min(artifactCapMb, MAX_ARTIFACT_CAP_MB);
        receiver = receiver == null ? Receiver.DEFAULT : receiver;
        logCapMb = logCapMb <= 0 ? DEFAULT_LOG_CAP_MB : Math.min(logCapMb, MAX_LOG_CAP_MB);
    }

    public static Settings defaults() {
        return new Settings(DEFAULT_SYNC_MINUTES, "system", null, null, Map.of(), DEFAULT_ARTIFACT_CAP_MB, Receiver.DEFAULT,
                DEFAULT_LOG_CAP_MB);
    }

    /** The artifact cap in bytes. */
    public long artifactCapBytes() {
        return bytes(artifactCapMb);
    }

    /** The job-log cap in bytes. */
    public long logCapBytes() {
        return bytes(logCapMb);
    }

    /** {@code megabytes} in bytes (MB of 1,048,576 bytes, as the artifact sizes are shown). */
    public static long bytes(int megabytes) {
        return megabytes * 1024L * 1024L;
    }

    public Settings withArtifactCapMb(int megabytes) {
        return new Settings(syncIntervalMinutes, theme, window, lastView, tableColumns, megabytes, receiver, logCapMb);
    }

    public Settings withLogCapMb(int megabytes) {
        return new Settings(syncIntervalMinutes, theme, window, lastView, tableColumns, artifactCapMb, receiver, megabytes);
    }

    public Settings withSyncIntervalMinutes(int minutes) {
        return new Settings(minutes, theme, window, lastView, tableColumns, artifactCapMb, receiver, logCapMb);
    }

    public Settings withTheme(String value) {
        return new Settings(syncIntervalMinutes, value, window, lastView, tableColumns, artifactCapMb, receiver, logCapMb);
    }

    public Settings withWindow(WindowBounds value) {
        return new Settings(syncIntervalMinutes, theme, value, lastView, tableColumns, artifactCapMb, receiver, logCapMb);
    }

    public Settings withLastView(String value) {
        return new Settings(syncIntervalMinutes, theme, window, value, tableColumns, artifactCapMb, receiver, logCapMb);
    }

    public Settings withTableColumns(String tableId, String layout) {
        var copy = new java.util.HashMap<>(tableColumns);
        copy.put(tableId, layout);
        return new Settings(syncIntervalMinutes, theme, window, lastView, copy, artifactCapMb, receiver, logCapMb);
    }

    public Settings withReceiver(Receiver value) {
        return new Settings(syncIntervalMinutes, theme, window, lastView, tableColumns, artifactCapMb, value, logCapMb);
    }

    /**
     * Where the window's OpenLineage receiver listens (127.0.0.1:5050 unless the user binds it
     * elsewhere) and the environment variable holding the bearer token callers must send, if any.
     * The token itself is never stored.
     */
    public record Receiver(String host, int port, String tokenEnv) {
        public static final Receiver DEFAULT = new Receiver("127.0.0.1", 5050, null);

        public Receiver {
            host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
            if (port <= 0 || port > 65_535) {
                port = 5050;
            }
            tokenEnv = tokenEnv == null || tokenEnv.isBlank() ? null : tokenEnv.strip();
        }
    }

    /** Window position and size in screen pixels. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }
}
