package dev.braid.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.logging.ConsoleHandler;
import java.util.logging.ErrorManager;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Sends {@code java.util.logging} (and, through SLF4J, JGit) to rotated files in
 * {@code <data dir>/logs/}: {@value #FILE_COUNT} files of at most {@value #FILE_LIMIT_BYTES} bytes,
 * {@code braid-0.log} the newest. Nothing is written anywhere else; the command line adds warnings
 * on stderr only when asked ({@code --verbose}). Every record passes through {@link LogRedactor}.
 */
public final class Logging {
    public static final int FILE_LIMIT_BYTES = 5 * 1024 * 1024;
    public static final int FILE_COUNT = 5;
    static final String FILE_PATTERN = "braid-%g.log";

    private Logging() {
    }

    /** Logging for the window: the log files only. */
    public static void configureForWindow(DataDirectories dirs) {
        configure(dirs, false);
    }

    /**
     * Logging for one command: the log files, plus warnings on stderr when {@code verbose}.
     * Returns the current log file, or null when the log folder could not be made (the command
     * then runs without a log rather than failing for it).
     */
    public static Path configureForCommand(DataDirectories dirs, boolean verbose) {
        return configure(dirs, verbose);
    }

    /**
     * Masks the secrets Braid has read, by value, in every record the log handlers format from now
     * on ({@link dev.braid.sync.Secrets#mask}), beside the pattern-based {@link LogRedactor}.
     */
    public static void maskWith(UnaryOperator<String> masker) {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler.getFormatter() instanceof LogFormat format) {
                format.maskWith(masker);
            }
        }
    }

    /** The file the newest records go to. */
    public static Path currentLogFile(DataDirectories dirs) {
        return dirs.logDir().resolve(FILE_PATTERN.replace("%g", "0"));
    }

    private static Path configure(DataDirectories dirs, boolean consoleWarnings) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        if (consoleWarnings) {
            root.addHandler(consoleHandler());
        }
        try {
            // The data folder first, so that it gets its owner-only permissions.
            dirs.createDataDir();
            Files.createDirectories(dirs.logDir());
            FileHandler file = new FileHandler(dirs.logDir().resolve(FILE_PATTERN).toString(),
                    FILE_LIMIT_BYTES, FILE_COUNT, true);
            file.setEncoding("UTF-8");
            file.setFormatter(new LogFormat(true));
            file.setLevel(Level.ALL);
            file.setErrorManager(new QuietErrors());
            root.addHandler(file);
            return currentLogFile(dirs);
        } catch (IOException | SecurityException e) {
            root.log(Level.FINE, "no log file", e);
            return null;
        }
    }

    /**
     * A log file that cannot be written (a full disk, a folder made read-only) must not print
     * java.util.logging's stack trace on the user's terminal; the command says what matters itself.
     */
    private static final class QuietErrors extends ErrorManager {
        @Override
        public synchronized void error(String message, Exception failure, int code) {
            // Nothing to do: there is nowhere left to write it.
        }
    }

    private static Handler consoleHandler() {
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        console.setFormatter(new LogFormat(false));
        return console;
    }
}
