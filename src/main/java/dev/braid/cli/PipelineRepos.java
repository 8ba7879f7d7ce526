package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.repos.RepoSummary;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The repository a {@code braid pipelines} command names. */
final class PipelineRepos {
    private PipelineRepos() {
    }

    static RepoSummary named(CommandSpec spec, AppContext context, String name) {
        return context.repositories().find(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown repository: " + name + " (see 'braid repo list')"));
    }
}
