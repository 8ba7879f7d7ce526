package dev.braid.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where Braid keeps its files. Data: {@code --data-dir}, else {@code BRAID_HOME}, else
 * {@code $XDG_DATA_HOME/braid} (default {@code ~/.local/share/braid}). Settings:
 * {@code $XDG_CONFIG_HOME/braid} (default {@code ~/.config/braid}). Nothing is written elsewhere.
 */
public record DataDirectories(Path dataDir, Path configDir) {

    /** Resolves the folders from an explicit data dir (may be null) and the environment. */
    public static DataDirectories resolve(Path explicitDataDir, Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        Path data;
        if (explicitDataDir != null) {
            data = explicitDataDir;
        } else if (nonBlank(env.get("BRAID_HOME"))) {
            data = Path.of(env.get("BRAID_HOME"));
        } else if (nonBlank(env.get("XDG_DATA_HOME"))) {
            data = Path.of(env.get("XDG_DATA_HOME"), "braid");
        } else {
            data = home.resolve(".local/share/braid");
        }
        Path config = nonBlank(env.get("XDG_CONFIG_HOME"))
                ? Path.of(env.get("XDG_CONFIG_HOME"), "braid")
                : home.resolve(".config/braid");
        return new DataDirectories(data.toAbsolutePath().normalize(), config.toAbsolutePath().normalize());
    }

    public Path cacheFile() {
        return dataDir.resolve("cache.db");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** Where repositories cloned by URL are kept. */
    public Path clonesDir() {
        return dataDir.resolve("repos");
    }

    /** Where run artifacts fetched for previewing are kept: {@code artifacts/<source id>/<run id>/<path>}. */
    public Path artifactsDir() {
        return dataDir.resolve("artifacts");
    }

    public Path settingsFile() {
        return configDir.resolve("settings.json");
    }

    /** Creates the data folder, owner-only, if it does not exist yet. */
    public void createDataDir() throws IOException {
        if (Files.isDirectory(dataDir)) {
            return;
        }
        Files.createDirectories(dataDir.getParent());
        if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dataDir);
        }
    }

    private static boolean nonBlank(String value) {
        return value != null && !value.isBlank();
    }
}
