package dev.braid.cli;

import dev.braid.store.CacheOpenException;
import dev.braid.store.CacheRecovery;
import dev.braid.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code braid cache reset}: moves a damaged (or too new) cache aside as
 * {@code cache.db.broken-<time>}, never deleting it, and starts a fresh cache with the sources it
 * can still read from the old one.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Moves the cache aside (kept as cache.db.broken-<time>) and starts a fresh cache with the"
                + " sources that can still be read from the old one; 'braid sync' then rebuilds the rest.",
                "Refuses while the cache is healthy or in use, unless --force is given."})
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
        if (!Files.exists(file)) {
            env.out().println("There is no cache at " + file + "; nothing to do.");
            return ExitCodes.OK;
        }
        if (!force && !needsReset(file)) {
            env.err().println("braid: the cache at " + file + " opens fine; nothing was moved."
                    + " Add --force to move it aside anyway.");
            return ExitCodes.OK;
        }
        CacheRecovery.Rebuild rebuild;
        try {
            rebuild = new CacheRecovery(env.clock()).moveAsideAndRebuild(file);
        } catch (CacheOpenException e) {
            throw new WorkFailedException(e.userMessage(), e);
        }
        env.out().println("Moved the cache aside to " + rebuild.movedTo() + ".");
        if (rebuild.salvageProblem() != null) {
            env.err().println("braid: " + rebuild.salvageProblem());
        }
        env.out().println("The new cache has " + rebuild.sourcesRestored() + " source(s) from the old one;"
                + " run 'braid sync' to fetch their data again.");
        return ExitCodes.OK;
    }

    /** True when the cache cannot be opened for a reason that moving it aside cures. */
    private static boolean needsReset(Path file) {
        try {
            Database.open(file).close();
            return false;
        } catch (CacheOpenException e) {
            if (!e.problem().canRebuild()) {
                throw new WorkFailedException(e.userMessage(), e);
            }
            return true;
        }
    }
}
