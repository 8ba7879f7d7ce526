package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid pipelines log SOURCE JOB_ID [--run ID] [--refresh]}: a job's log, from the cache or the source. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Prints a job's log: from the cache when it holds it, else fetched from the source and kept.",
                "Exits with 1 when the source cannot be reached for a log the cache lacks."})
final class PipelinesLogCommand implements Callable<Integer> {
    @ParentCommand
    private PipelinesCommand pipelines;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The pipeline source's name.")
    private String source;

    @Parameters(index = "1", paramLabel = "JOB_ID", description = "The job's id (the 'JOB' column of 'braid pipelines show').")
    private String jobId;

    @Option(names = "--run", paramLabel = "ID", description = "The run holding the job, where job ids repeat (Jenkins stages).")
    private String runId;

    @Option(names = "--refresh", description = "Fetch the log again even when the cache holds it.")
    private boolean refresh;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = pipelines.root().environment();
        try (AppContext context = pipelines.root().openContext()) {
            if (context.pipelines().source(source).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "unknown pipeline source: " + source);
            }
            PipelineRunDetail run;
            try {
                run = context.pipelines().runOfJob(source, runId, jobId);
            } catch (PipelineException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try {
                JobLog log = context.pipelines().log(source, run.run().id(), jobId, refresh);
                if (log.truncated()) {
                    env.err().println("braid: only the end of this log is shown (it is larger than the log cache allows)");
                }
                env.out().print(log.text());
                if (!log.text().endsWith("\n")) {
                    env.out().println();
                }
                env.out().flush();
                return ExitCodes.OK;
            } catch (PipelineException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
        }
    }
}
