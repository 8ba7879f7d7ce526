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
 * {@code cache.db.broken-<time>}, never deleting it, so the next command starts a fresh cache.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Moves the cache aside (kept as cache.db.broken-<time>) so that the next command starts a"
                + " fresh, empty cache.", "Refuses while the cache is healthy or in use, unless --force is given."})
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
        Path moved = new CacheRecovery(env.clock()).moveAside(file);
        env.out().println("Moved the cache aside to " + moved + ".");
        env.out().println("The next braid command starts an empty cache; add your sources again with 'braid repo add'.");
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
