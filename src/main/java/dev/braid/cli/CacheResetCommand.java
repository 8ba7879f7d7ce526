package dev.braid.cli;

import dev.braid.store.CacheCheck;
import dev.braid.store.CacheOpenException;
import dev.braid.store.CacheProblem;
import dev.braid.store.CacheRecovery;
import dev.braid.store.Database;
import dev.braid.store.SqliteFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code braid cache reset}: moves a damaged (or too new) cache aside as
 * {@code cache.db.broken-<time>}, never deleting it, and starts a fresh cache that carries over
 * everything no sync can fetch again. Refuses when the cache is healthy (unless {@code --force})
 * and always when the trouble is one that moving it aside cannot cure: a full disk, a read-only
 * folder, a file Braid may not open, a disk error, another Braid using it.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Moves the cache aside (kept as cache.db.broken-<time>) and starts a fresh cache that keeps"
                + " what no sync can fetch again: sources and their settings, stars, pending edits and the audit log,"
                + " sensitivity labels, received OpenLineage events. 'braid sync' then rebuilds the rest.",
                "Refuses while the cache is healthy (unless --force), and always when the disk is full, the cache is"
                + " read-only or may not be opened, or another Braid is using it: moving it aside cures none of these."})
final class CacheResetCommand implements Callable<Integer> {
    @ParentCommand
    private CacheCommand cache;

    @Option(names = "--force", description = "Move it aside even though it opens fine. Close every other Braid first.")
    private boolean force;

    @Override
    public Integer call() throws IOException {
        BraidCommand root = cache.root();
        CliEnvironment env = root.environment();
        Path file = root.dirs().cacheFile();
        root.startLogging();
        if (Files.notExists(file)) {
            env.out().println("There is no cache at " + file + "; nothing to do.");
            return ExitCodes.OK;
        }
        CacheProblem problem = problemOf(file);
        if (problem != null && !problem.canRebuild()) {
            env.err().println("braid: the cache was not moved: moving it aside would not help.");
            CacheDiagnosis.problem(env.err(), root, problem, null);
            return ExitCodes.FAILED;
        }
        if (problem == null && !force) {
            env.err().println("braid: the cache at " + file + " opens fine and SQLite's quick check finds it sound;"
                    + " nothing was moved. Add --force to move it aside anyway.");
            return ExitCodes.OK;
        }
        CacheRecovery.Rebuild rebuild;
        try {
            rebuild = new CacheRecovery(env.clock()).moveAsideAndRebuild(file);
        } catch (CacheOpenException e) {
            throw new WorkFailedException(e.userMessage(), e);
        }
        env.out().println("Moved the cache aside to " + rebuild.movedTo() + ".");
        rebuild.problems().forEach(p -> env.err().println("braid: " + p));
        env.out().println("The new cache has " + rebuild.sourcesRestored() + " source(s) from the old one;"
                + " run 'braid sync' to fetch their data again.");
        String carried = rebuild.carried().entrySet().stream().filter(e -> e.getValue() > 0 && !e.getKey().equals("sources"))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        if (!carried.isEmpty()) {
            env.out().println("Also carried over (rows): " + carried + ".");
        }
        return ExitCodes.OK;
    }

    /**
     * What is wrong with the cache, or null when it opens and SQLite's quick check finds it sound.
     * A cache that opens but fails the check is damaged deeper than its header.
     */
    private static CacheProblem problemOf(Path file) {
        CacheProblem place = SqliteFailures.fromFileSystem(file);
        if (place != null) {
            // A folder Braid may not write, or a disk with no room for the new cache.
            return place;
        }
        try {
            Database.open(file).close();
        } catch (CacheOpenException e) {
            return e.problem();
        }
        CacheCheck.Result check = CacheCheck.quick(file);
        return check.verdict() && check.damaged() ? CacheProblem.CORRUPT : null;
    }
}
