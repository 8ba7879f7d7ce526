package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineTrends;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid pipelines trends [--source NAME] [--branch REF] [--runs N] [--json]}. */
@Command(name = "trends", mixinStandardHelpOptions = true,
        description = {"Summarises the newest finished runs: duration median and 95th percentile and failure rate per",
                "day, and the slowest and flakiest jobs (a job is flaky on a commit when it failed there, then passed).",
                "With --json, one object: runs, failure_rate, days, jobs, slowest, flakiest."})
final class PipelinesTrendsCommand implements Callable<Integer> {
    @ParentCommand
    private PipelinesCommand pipelines;

    @Spec
    private CommandSpec spec;

    @Option(names = "--source", paramLabel = "NAME", description = "Only runs of this pipeline source.")
    private String source;

    @Option(names = "--branch", paramLabel = "REF", description = "Only runs of this branch.")
    private String branch;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5000", description = "Look at the newest N runs (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1");
        }
        CliEnvironment env = pipelines.root().environment();
        try (AppContext context = pipelines.root().openContext()) {
            if (source != null && context.pipelines().source(source).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "unknown pipeline source: " + source);
            }
            PipelineTrends trends = context.pipelines().trends(new PipelineQuery(source == null ? List.of() : List.of(source),
                    List.of(), branch, List.of(), null, null, null, null, false, 0, 0), runs);
            if (json) {
                new JsonOutput(env.out()).document(PipelineFields.trends(trends));
                return ExitCodes.OK;
            }
            env.out().printf("%d finished runs, %.1f%% failed%n", trends.runs(), trends.failureRate() * 100);
            TextTable days = new TextTable("DAY", "RUNS", "FAILED", "MEDIAN", "P95");
            trends.days().forEach(d -> days.row(d.day(), d.runs(), d.failed(), PipelineFields.duration(d.medianMs()),
                    PipelineFields.duration(d.p95Ms())));
            days.print(env.out());
            env.out().println();
            env.out().println("Slowest jobs");
            TextTable slow = new TextTable("SOURCE", "JOB", "MEDIAN", "P95", "FAILURE RATE");
            trends.slowest().forEach(j -> slow.row(j.source(), j.name(), PipelineFields.duration(j.medianMs()),
                    PipelineFields.duration(j.p95Ms()), String.format("%.1f%%", j.failureRate() * 100)));
            slow.print(env.out());
            env.out().println();
            env.out().println("Flakiest jobs");
            TextTable flaky = new TextTable("SOURCE", "JOB", "FLAKY COMMITS", "OF", "RATE");
            trends.flakiest().forEach(j -> flaky.row(j.source(), j.name(), j.flaky(), j.commits(),
                    String.format("%.1f%%", j.flakyRate() * 100)));
            flaky.print(env.out());
            return ExitCodes.OK;
        }
    }
}
