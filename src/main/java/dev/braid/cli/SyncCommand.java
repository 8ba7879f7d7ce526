package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid sync [SOURCE_NAME...]}: brings sources up to date, all of them when none is named. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Syncs the named sources, or every source that is not paused when none is named.",
                "Progress goes to stderr. Exits with 1 when any sync failed, 2 when a name is unknown."})
final class SyncCommand implements Callable<Integer> {
    @ParentCommand
    private BraidCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SOURCE_NAME", arity = "0..*", description = "Sources to sync (see 'braid status').")
    private List<String> names = new ArrayList<>();

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = root.environment();
        try (AppContext context = root.openContext()) {
            List<Source> sources = names.isEmpty() ? context.sources().list() : named(context);
            if (sources.isEmpty()) {
                env.err().println("braid: there are no sources yet. Add one with: braid repo add PATH_OR_URL");
                return ExitCodes.OK;
            }
            if (names.isEmpty()) {
                for (Source paused : sources.stream().filter(Source::paused).toList()) {
                    env.err().println(paused.name() + ": paused, left out (braid source resume " + paused.name() + ")");
                }
                sources = sources.stream().filter(s -> !s.paused()).toList();
            }
            List<SyncRun> runs = new SyncBatch(env).run(context, sources);
            for (SyncRun run : runs) {
                env.out().println(run.sourceName() + ": " + SyncSummary.describe(run));
            }
            SyncBatch.explainCacheFailures(root, runs);
            return SyncBatch.allSucceeded(runs) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private List<Source> named(AppContext context) {
        List<Source> found = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            Optional<Source> source = context.sources().findByName(name);
            source.ifPresentOrElse(found::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            List<String> known = context.sources().list().stream().map(Source::name).toList();
            String hint = unknown.size() == 1 ? dev.braid.sync.Suggestions.hint(unknown.get(0), known)
                    : " (see 'braid source list' for the names)";
            throw new ParameterException(spec.commandLine(), (unknown.size() == 1 ? "unknown source: " : "unknown sources: ")
                    + String.join(", ", unknown) + hint);
        }
        return found;
    }
}
