package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.app.Logging;
import dev.braid.store.CacheCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A read command's answer check ({@link AnswerCheck}), started as soon as the arguments name the
 * command, on a thread of its own and a read-only connection of its own, while picocli builds the
 * command and the command opens the cache. Both take about as long as the check: on a 61 MB cache
 * the quick check of {@code repo log}'s tables took 70 ms, and the command reached its check 130 ms
 * after the process started. The command then takes this check's findings instead of checking
 * again, when it checked the same file and tables, as thoroughly, at the schema version the cache
 * has once open (no migration ran in between). Otherwise, or when it could not run, the command
 * checks as it always did. Only the time moves: every answer is still checked before it is given.
 * The findings also hold only for the file the check read: a cache moved aside or replaced in
 * between (another process's {@code cache reset}) is a new file, and is checked again.
 * Logging is set up before the thread starts, so that what the SQLite driver logs while it loads
 * goes to the log file, as when the command opens the cache itself.
 */
final class EarlyCheck implements AutoCloseable {
    static final EarlyCheck NONE = new EarlyCheck(null, null, null, null, null);

    private final FutureTask<CacheCheck.Early> task;
    private final Path file;
    private final Object fileKey;
    private final List<String> tables;
    private final Logged logged;

    /** The logging this check set up before its thread: for which folders and verbosity, and its file. */
    private record Logged(DataDirectories dirs, boolean verbose, Path logFile) {
    }

    private EarlyCheck(FutureTask<CacheCheck.Early> task, Path file, Object fileKey, List<String> tables, Logged logged) {
        this.task = task;
        this.file = file;
        this.fileKey = fileKey;
        this.tables = tables;
        this.logged = logged;
    }

    /** Starts the check the command {@code args} name will make, when there is one and the cache exists. */
    static EarlyCheck start(CliEnvironment environment, String... args) {
        List<String> tables = AnswerCheck.tablesOf(Cli.commandWords(args));
        if (tables == null) {
            return NONE;
        }
        DataDirectories dirs;
        try {
            dirs = DataDirectories.resolve(Cli.dataDirArgument(args), environment.env());
        } catch (RuntimeException e) {
            // A folder name the command will refuse in its own words.
            return NONE;
        }
        Path file = dirs.cacheFile();
        Object fileKey = fileKey(file);
        if (fileKey == null) {
            return NONE;
        }
        long size = AnswerCheck.sizeOf(file);
        boolean full = size <= AnswerCheck.FULL_LIMIT_BYTES;
        // A cache too large to check before every answer is only connected to: that loads SQLite's
        // library and driver here rather than on the command's thread (12 ms of a lineage show).
        List<String> checked = size <= AnswerCheck.QUICK_LIMIT_BYTES ? tables : List.of();
        boolean verbose = Cli.verboseArgument(args);
        Logged logged = new Logged(dirs, verbose, Logging.configureForCommand(dirs, verbose));
        FutureTask<CacheCheck.Early> task = new FutureTask<>(() -> {
            AppContext.confineProcess(dirs);
            return CacheCheck.beforeOpen(file, full, checked.toArray(String[]::new));
        });
        Thread thread = new Thread(task, "braid-early-check");
        thread.setDaemon(true);
        thread.start();
        return new EarlyCheck(task, file, fileKey, checked, logged);
    }

    /** Whether this check already set up the logging the command wants ({@code dirs}, {@code verbose}). */
    boolean loggedFor(DataDirectories dirs, boolean verbose) {
        return logged != null && logged.dirs().equals(dirs) && logged.verbose() == verbose;
    }

    /** The log file of the logging this check set up, or null without one. */
    Path logFile() {
        return logged == null ? null : logged.logFile();
    }

    /**
     * SQLite's findings (empty: sound) when this check is the one the command would make now: over
     * {@code tables} of {@code file}, {@code full} or quick, at schema {@code version}; waits for it.
     * Empty optional when it is not, or could not run.
     */
    Optional<List<String>> findings(Path file, boolean full, int version, List<String> tables) {
        if (task == null || !this.file.equals(file) || !this.tables.equals(tables)) {
            return Optional.empty();
        }
        CacheCheck.Early early = outcome(true);
        if (early != null && !fileKey.equals(fileKey(file))) {
            // Moved aside or replaced since the check read it: the command checks the file it opened.
            return Optional.empty();
        }
        if (early == null || early.full() != full || early.schemaVersion() != version) {
            return Optional.empty();
        }
        return Optional.of(early.findings());
    }

    /** Waits for the check to end, so that nothing reads the cache once the command is over. */
    @Override
    public void close() {
        outcome(false);
    }

    /**
     * The check's outcome, waiting for it; null when it could not run. Only a failure of the JVM
     * itself (out of memory) is thrown, and only when {@code rethrow}: anything else the thread
     * met (a library that would not load) leaves the command to check, and fail, on its own.
     */
    private CacheCheck.Early outcome(boolean rethrow) {
        if (task == null) {
            return null;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    // Only a head start: finish waiting (it ends within the check's time), keep the interrupt.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (rethrow && e.getCause() instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return null;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What tells this file from one put in its place (its inode), or null when there is no such file. */
    private static Object fileKey(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return null;
            }
            Object key = attributes.fileKey();
            // File systems without keys: the creation and change times stand in.
            return key != null ? key : List.of(attributes.creationTime(), attributes.lastModifiedTime());
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
