package dev.braid.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javafx.application.Application;

/**
 * Starts the window. Kept apart from {@link Main} so that JavaFX classes are only loaded when the
 * window is really wanted: the command line must work without a display.
 */
final class GuiLauncher {
    private static final Logger LOG = Logger.getLogger(GuiLauncher.class.getName());
    private static final String NATIVE_CACHE_PROPERTY = "javafx.cachedir";

    private GuiLauncher() {
    }

    /**
     * Logs to the data folder's log files, then runs the window until it closes. The data folder
     * reaches {@link BraidApp} as the named parameter {@code --data-dir=DIR} when one was given.
     */
    static void launch(DataDirectories dirs, boolean explicitDataDir) {
        Logging.configureForWindow(dirs);
        // Run from the class path, JavaFX unpacks its native libraries into a cache folder, by
        // default ~/.openjfx; keep that inside the data folder like every other file Braid writes.
        if (System.getProperty(NATIVE_CACHE_PROPERTY) == null) {
            System.setProperty(NATIVE_CACHE_PROPERTY, nativeCacheDir(dirs).toString());
        }
        LOG.info(() -> "Braid " + BraidVersion.current() + " opening its window on " + dirs.dataDir());
        Application.launch(BraidApp.class, windowArguments(dirs, explicitDataDir));
    }

    static Path nativeCacheDir(DataDirectories dirs) {
        return dirs.dataDir().resolve("javafx");
    }

    static String[] windowArguments(DataDirectories dirs, boolean explicitDataDir) {
        List<String> args = new ArrayList<>();
        if (explicitDataDir) {
            args.add("--data-dir=" + dirs.dataDir());
        }
        return args.toArray(String[]::new);
    }
}
