package dev.braid.cli;

import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid pipelines params-diff REPO A B [--all] [--json]}, printed as {@code dvc params diff A B} prints it. */
@Command(name = "params-diff", mixinStandardHelpOptions = true,
        description = {"Compares the DVC params of two commits, as 'dvc params diff A B' does, from git alone.",
                "Prints DVC's table (changed keys only, unless --all), or with --json DVC's JSON document:",
                "file -> key -> {old, new, diff}."})
final class PipelinesParamsDiffCommand implements Callable<Integer> {
    @ParentCommand
    private PipelinesCommand pipelines;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REPO", description = "The repository (see 'braid repo list').")
    private String repo;

    @Parameters(index = "1", paramLabel = "A", description = "The first commit, branch, tag or revision.")
    private String a;

    @Parameters(index = "2", paramLabel = "B", description = "The second commit, branch, tag or revision.")
    private String b;

    @Option(names = "--all", description = "Also show the params that did not change.")
    private boolean all;

    @Option(names = "--json", description = "Print DVC's JSON document instead of the table.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        return PipelinesDiffArgs.run(pipelines, spec, repo, all, json,
                (context, repoId) -> context.dvcPipelines().paramsDiff(repoId, a, b));
    }
}
