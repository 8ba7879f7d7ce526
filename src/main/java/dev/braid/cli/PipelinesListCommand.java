package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid pipelines list [--source NAME] [--branch REF] [--status STATUS] [--sha SHA] [--limit N] [--json]}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists cached pipeline runs, newest first.",
                "With --json, one object per line: source, source_kind, id, number, status, source_status, ref, sha,",
                "event, created_at, started_at, finished_at (ISO-8601 UTC), duration_s, url.",
                "Statuses: queued, running, success, failed, canceled, skipped, manual, unknown."})
final class PipelinesListCommand implements Callable<Integer> {
    @ParentCommand
    private PipelinesCommand pipelines;

    @Spec
    private CommandSpec spec;

    @Option(names = "--source", paramLabel = "NAME", description = "Only runs of this pipeline source.")
    private String source;

    @Option(names = "--branch", paramLabel = "REF", description = "Only runs of this branch or tag.")
    private String branch;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only runs with this status.")
    private String status;

    @Option(names = "--sha", paramLabel = "SHA", description = "Only runs of this commit (a prefix of 4 or more characters will do).")
    private String sha;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Show at most N runs (default: all).")
    private Integer limit;

    @Option(names = "--json", description = "Print JSON Lines instead of text.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
        }
        PipelineStatus wanted = status == null ? null : PipelineStatus.fromWord(status);
        if (status != null && wanted == null) {
            throw new ParameterException(spec.commandLine(), "unknown status: " + status
                    + " (queued, running, success, failed, canceled, skipped, manual, unknown)");
        }
        if (sha != null && !sha.strip().matches("[0-9a-fA-F]{4,64}")) {
            throw new ParameterException(spec.commandLine(), "--sha takes a commit hash or a prefix of 4+ characters: " + sha);
        }
        CliEnvironment env = pipelines.root().environment();
        try (AppContext context = pipelines.root().openContext()) {
            if (source != null && context.pipelines().source(source).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "unknown pipeline source: " + source);
            }
            PipelineQuery query = new PipelineQuery(source == null ? List.of() : List.of(source), List.of(), branch,
                    wanted == null ? List.of() : List.of(wanted), sha, null, null, PipelineQuery.Sort.CREATED, false, 0,
                    limit == null ? 0 : limit);
            List<PipelineRun> runs = context.pipelines().runs(query);
            if (json) {
                JsonOutput out = new JsonOutput(env.out());
                runs.forEach(run -> out.line(PipelineFields.run(run)));
            } else {
                ZoneId zone = env.clock().getZone();
                TextTable table = new TextTable("SOURCE", "RUN", "ID", "STATUS", "REF", "COMMIT", "STARTED", "DURATION");
                for (PipelineRun run : runs) {
                    table.row(run.source(), run.label(), run.id(), run.status().word(), run.ref(),
                            run.sha() == null ? "" : run.sha().substring(0, Math.min(8, run.sha().length())),
                            Times.readable(run.startedAt() != null ? run.startedAt() : run.createdAt(), zone),
                            PipelineFields.duration(run.durationMs()));
                }
                table.print(env.out());
            }
            return ExitCodes.OK;
        }
    }
}
