package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.app.Logging;
import dev.braid.store.CacheOpenException;
import dev.braid.store.SqliteFailures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;

/** {@code braid [--data-dir DIR] [COMMAND]}: without a command, opens the window. */
@Command(name = "braid", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Braid: git repositories, ML experiments, pipelines and their lineage, cached locally.",
                "Without a command, opens the Braid window."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success",
                "  1  the work failed (a sync failed, not a repository, a cache problem)",
                "  2  bad usage (unknown command or option, unknown source)",
                "",
                "Data folder: --data-dir, else $BRAID_HOME, else $XDG_DATA_HOME/braid",
                "(~/.local/share/braid). Logs: <data folder>/logs/braid-0.log."})
final class BraidCommand implements Callable<Integer> {
    /**
     * Braid's commands; a new one is added here, not in the {@code @Command} annotation. picocli
     * builds the model of every command an annotation lists as soon as the command line is made
     * (a fifth of a second of CPU for all of them), so {@link Cli} registers only the command the
     * arguments name, and all of them when it cannot tell (help, usage errors).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            RepoCommand.class,
            SourceCommand.class,
            MlflowCommand.class,
            WandbCommand.class,
            ArtifactoryCommand.class,
            RunsCommand.class,
            ModelsCommand.class,
            PipelinesCommand.class,
            FeaturesCommand.class,
            LineageCommand.class,
            ScanCommand.class,
            EnvCommand.class,
            BomCommand.class,
            AuditCommand.class,
            SyncCommand.class,
            StatusCommand.class,
            DemoCommand.class,
            GuiCommand.class,
            CacheCommand.class,
            HelpCommand.class);

    private final CliEnvironment environment;
    private final EarlyCheck earlyCheck;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder for the cache and logs (default: $BRAID_HOME, else $XDG_DATA_HOME/braid).")
    private Path dataDir;

    @Option(names = {"-v", "--verbose"}, description = "Also print warnings on stderr (they always go to the log file).")
    private boolean verbose;

    BraidCommand(CliEnvironment environment, EarlyCheck earlyCheck) {
        this.environment = environment;
        this.earlyCheck = earlyCheck;
    }

    /** The answer check started before the command was built, if any ({@link EarlyCheck}). */
    EarlyCheck earlyCheck() {
        return earlyCheck;
    }

    @Override
    public Integer call() {
        openWindow();
        return ExitCodes.OK;
    }

    CliEnvironment environment() {
        return environment;
    }

    DataDirectories dirs() {
        return DataDirectories.resolve(dataDir, environment.env());
    }

    /** The command line that runs {@code subcommand} on the same data folder, for advice in messages. */
    String commandFor(String subcommand) {
        return dataDir == null ? "braid " + subcommand : "braid --data-dir " + dirs().dataDir() + " " + subcommand;
    }

    /** Starts logging to the data folder's log files; returns the log file, or null without one. */
    Path startLogging() {
        // An early check set the same logging up before its thread started; setting it up again
        // would only close the log file and open it anew.
        return earlyCheck.loggedFor(dirs(), verbose) ? earlyCheck.logFile() : Logging.configureForCommand(dirs(), verbose);
    }

    /** Opens the cache and wires Braid's services for one command. */
    AppContext openContext() throws CacheOpenException, IOException {
        DataDirectories dirs = dirs();
        startLogging();
        boolean interactive = !environment.env().containsKey("CI");
        try {
            return AppContext.open(dirs, environment.clock(), new ConsolePrompt(interactive ? System.console() : null),
                    environment.secrets(), environment.env());
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.NotDirectoryException e) {
            throw e;
        } catch (IOException e) {
            // The data folder could not be made or prepared: say why in the cache's own terms.
            throw new CacheOpenException(SqliteFailures.classify(e, dirs.cacheFile()), dirs.cacheFile(),
                    FailureReporter.describe(e), e);
        }
    }

    /**
     * Opens the cache for a command that only reads it. When the cache is healthy but cannot be
     * written (a read-only folder or file, a full disk), it is opened read-only instead, with a
     * note on stderr, so that looking at what Braid holds never needs write access.
     */
    AppContext openReadContext() throws CacheOpenException, IOException {
        try {
            return openContext();
        } catch (CacheOpenException e) {
            if (!e.problem().readableAnyway()) {
                throw e;
            }
            AppContext context = AppContext.openReadOnly(dirs(), environment.clock(), environment.secrets(), environment.env());
            environment.err().println("braid: note: " + e.problem().summary() + " Showing what it holds, read-only.");
            environment.err().flush();
            return context;
        }
    }

    void openWindow() {
        if (!displayAvailable(environment.env(), System.getProperty("os.name", ""), System.getProperty("glass.platform"))) {
            throw new WorkFailedException("there is no display to open the window on (DISPLAY is not set)."
                    + " The command line works without one: braid --help");
        }
        try {
            environment.window().open(dirs(), dataDir != null);
        } catch (UnsupportedOperationException e) {
            // JavaFX's way of saying that the display it was given cannot be opened.
            throw new WorkFailedException("cannot open the window: " + e.getMessage(), e);
        }
    }

    /** On Linux a window needs an X or Wayland display, unless JavaFX is told to draw headless. */
    static boolean displayAvailable(Map<String, String> env, String osName, String glassPlatform) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux") || glassPlatform != null) {
            return true;
        }
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }
}
