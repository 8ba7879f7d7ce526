package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid pipelines show SOURCE ID [--json]}: one run with its jobs. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Shows a cached run and its jobs (every attempt, in the order they ran).",
                "With --json, one object: the run's fields (as 'list --json') and \"jobs\", each with the same",
                "fields plus name, stage, attempt, needs."})
final class PipelinesShowCommand implements Callable<Integer> {
    @ParentCommand
    private PipelinesCommand pipelines;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The pipeline source's name.")
    private String source;

    @Parameters(index = "1", paramLabel = "ID", description = "The run's id (the 'ID' column of 'braid pipelines list').")
    private String id;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = pipelines.root().environment();
        try (AppContext context = pipelines.root().openContext()) {
            if (context.pipelines().source(source).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "unknown pipeline source: " + source);
            }
            PipelineRunDetail detail = context.pipelines().run(source, id).orElseThrow(() ->
                    new ParameterException(spec.commandLine(), "no cached run " + id + " of " + source
                            + " (see 'braid pipelines list --source " + source + "')"));
            PipelineRun run = detail.run();
            if (json) {
                Map<String, Object> out = PipelineFields.run(run);
                out.put("jobs", detail.jobs().stream().map(job -> PipelineFields.job(run, job)).toList());
                new JsonOutput(env.out()).document(out);
                return ExitCodes.OK;
            }
            env.out().println(run.source() + " " + run.label() + "  " + run.status().word()
                    + (run.sourceStatus() == null ? "" : " (" + run.sourceStatus() + ")"));
            env.out().println("ref " + run.ref() + "  commit " + run.sha() + (run.title() == null ? "" : "  " + run.title()));
            env.out().println("started " + Times.readable(run.startedAt(), env.clock().getZone()) + "  took "
                    + PipelineFields.duration(run.durationMs()) + (run.url() == null ? "" : "  " + run.url()));
            TextTable table = new TextTable("JOB", "NAME", "STAGE", "ATTEMPT", "STATUS", "QUEUED", "DURATION", "NEEDS");
            for (PipelineJob job : detail.jobs()) {
                table.row(job.id(), job.name(), job.stage(), job.attempt() + (job.retried() ? " (retried)" : ""),
                        job.status().word(), PipelineFields.duration(job.queuedMs()), PipelineFields.duration(job.durationMs()),
                        String.join(", ", job.needs()));
            }
            table.print(env.out());
            return ExitCodes.OK;
        }
    }
}
