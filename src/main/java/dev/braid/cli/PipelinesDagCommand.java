package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.pipelines.definitions.DefinitionDag;
import dev.braid.pipelines.definitions.PipelineReadException;
import dev.braid.repos.RepoSummary;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid pipelines dag REPO [--commit REV] [--file PATH] [--format text|dot|json]}. */
@Command(name = "dag", mixinStandardHelpOptions = true,
        description = {"Prints the DAG of a pipeline definition at a commit, read from git without a server:",
                ".gitlab-ci.yml, .github/workflows/*.yml, .circleci/config.yml, Jenkinsfile, dvc.yaml, Kubeflow specs.",
                "Without --file, every definition in the commit. What could not be read is printed as notes.",
                "--format json: one object per definition and line: file, commit, source_kind, name, stages,",
                "jobs (id, name, stage, needs, group, attributes), edges (from, to, kind, label), notes."})
final class PipelinesDagCommand implements Callable<Integer> {
    enum Format { text, dot, json }

    @ParentCommand
    private PipelinesCommand pipelines;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "REPO", description = "The repository (see 'braid repo list').")
    private String repo;

    @Option(names = "--commit", paramLabel = "REV", description = "A commit, branch, tag or revision (default: HEAD).")
    private String commit;

    @Option(names = "--file", paramLabel = "PATH", description = "The definition file, relative to the repository root.")
    private String file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, dot or json (default: text).")
    private Format format = Format.text;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = pipelines.root().environment();
        try (AppContext context = pipelines.root().openContext()) {
            RepoSummary summary = PipelineRepos.named(spec, context, repo);
            List<DefinitionDag> dags;
            try {
                dags = file != null ? List.of(context.pipelineDefinitions().dag(summary.sourceId(), commit, file))
                        : context.pipelineDefinitions().dags(summary.sourceId(), commit);
            } catch (PipelineReadException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            if (dags.isEmpty()) {
                throw new WorkFailedException(repo + " has no pipeline definition at " + (commit == null ? "HEAD" : commit));
            }
            JsonOutput json = new JsonOutput(env.out());
            for (int i = 0; i < dags.size(); i++) {
                DefinitionDag dag = dags.get(i);
                switch (format) {
                    case json -> json.line(DagFormat.json(dag));
                    case dot -> env.out().print(DagFormat.dot(dag));
                    default -> env.out().print((i == 0 ? "" : "\n") + DagFormat.text(dag));
                }
            }
            env.out().flush();
            return ExitCodes.OK;
        }
    }
}
