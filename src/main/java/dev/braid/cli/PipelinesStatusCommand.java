package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.pipelines.definitions.PipelineReadException;
import dev.braid.pipelines.dvc.DvcPipelineService;
import dev.braid.pipelines.dvc.DvcStageStatus;
import dev.braid.repos.RepoSummary;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid pipelines status REPO [--commit REV] [--json]}: each DVC stage's state at a commit. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Prints each DVC stage's state at a commit: up to date, changed (and what changed, as",
                "'dvc status' says it) or never run, from dvc.yaml and dvc.lock in git, without a checkout.",
                "With --json, one object per line: stage, file, state (up_to_date, changed, never_run),",
                "changes (the stage's entry in 'dvc status --json'), unknown (deps not in git)."})
final class PipelinesStatusCommand implements Callable<Integer> {
    @ParentCommand
    private PipelinesCommand pipelines;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "REPO", description = "The repository (see 'braid repo list').")
    private String repo;

    @Option(names = "--commit", paramLabel = "REV", description = "A commit, branch, tag or revision (default: HEAD).")
    private String commit;

    @Option(names = "--json", description = "Print JSON Lines instead of text.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = pipelines.root().environment();
        try (AppContext context = pipelines.root().openContext()) {
            RepoSummary summary = PipelineRepos.named(spec, context, repo);
            DvcPipelineService.PipelineStatus status;
            try {
                status = context.dvcPipelines().status(summary.sourceId(), commit);
            } catch (PipelineReadException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            if (status.pipeline().isEmpty()) {
                throw new WorkFailedException(repo + " has no dvc.yaml at " + DagFormat.shortHash(status.commit()));
            }
            if (json) {
                JsonOutput out = new JsonOutput(env.out());
                for (DvcStageStatus stage : status.stages()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("stage", stage.stage());
                    line.put("file", stage.file());
                    line.put("state", stage.state().name().toLowerCase());
                    line.put("changes", stage.dvcStatusJson());
                    line.put("unknown", stage.unknown());
                    out.line(line);
                }
            } else {
                TextTable table = new TextTable("STAGE", "STATE", "CHANGES");
                for (DvcStageStatus stage : status.stages()) {
                    table.row(stage.stage(), stage.state().words(), stage.changesText());
                }
                table.print(env.out());
            }
            status.pipeline().notes().forEach(n -> env.err().println("note: " + n));
            env.out().flush();
            env.err().flush();
            return ExitCodes.OK;
        }
    }
}
