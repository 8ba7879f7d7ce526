package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.pipelines.definitions.PipelineReadException;
import dev.braid.pipelines.dvc.DvcComparison;
import dev.braid.repos.RepoSummary;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code params-diff} and {@code metrics-diff} share: reading both commits and printing as DVC does. */
final class PipelinesDiffArgs {
    @FunctionalInterface
    interface Compare {
        DvcComparison compare(AppContext context, long repoId) throws PipelineReadException;
    }

    private PipelinesDiffArgs() {
    }

    static int run(PipelinesCommand pipelines, CommandSpec spec, String repo, boolean all, boolean json, Compare compare)
            throws CacheOpenException, IOException {
        CliEnvironment env = pipelines.root().environment();
        try (AppContext context = pipelines.root().openContext()) {
            RepoSummary summary = PipelineRepos.named(spec, context, repo);
            DvcComparison comparison;
            try {
                comparison = compare.compare(context, summary.sourceId());
            } catch (PipelineReadException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            if (json) {
                new JsonOutput(env.out()).line(comparison.json(all));
            } else {
                env.out().print(comparison.table(all));
            }
            comparison.notes().forEach(n -> env.err().println("note: " + n));
            env.out().flush();
            env.err().flush();
            return ExitCodes.OK;
        }
    }
}
