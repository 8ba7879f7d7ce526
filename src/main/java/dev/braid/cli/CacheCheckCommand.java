package dev.braid.cli;

import dev.braid.store.CacheCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code braid cache check [--full]}: SQLite's quick check (or, with {@code --full}, its
 * integrity check) over the whole cache, reading only. Exit 0 when sound, 1 when damaged or
 * when the check could not run.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the cache file with SQLite's quick check (page structure, record headers, types),",
                "or with --full its integrity check (also every index against its table; several times slower).",
                "Reads only. Exits with 0 when the file is sound, 1 when it is damaged."})
final class CacheCheckCommand implements Callable<Integer> {
    @ParentCommand
    private CacheCommand cache;

    @Option(names = "--full", description = "Run the integrity check instead of the quick check.")
    private boolean full;

    @Override
    public Integer call() {
        BraidCommand root = cache.root();
        CliEnvironment env = root.environment();
        Path file = root.dirs().cacheFile();
        if (Files.notExists(file)) {
            env.out().println("There is no cache at " + file + "; nothing to check.");
            return ExitCodes.OK;
        }
        CacheCheck.Result result = full ? CacheCheck.full(file) : CacheCheck.quick(file);
        if (result.verdict() && !result.damaged()) {
            env.out().println(file + ": " + result.describe());
            return ExitCodes.OK;
        }
        if (!result.verdict()) {
            env.err().println("braid: " + result.describe());
            return ExitCodes.FAILED;
        }
        CacheDiagnosis.problem(env.err(), root, dev.braid.store.CacheProblem.CORRUPT, null, result);
        return ExitCodes.FAILED;
    }
}
