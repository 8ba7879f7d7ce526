package dev.braid.cli;

import picocli.CommandLine;

/**
 * The {@code braid} command line: parses {@code args}, runs the command and returns its exit code
 * ({@link ExitCodes}). Output goes to the environment's writers, never straight to the console.
 */
public final class Cli {
    private final CliEnvironment environment;

    public Cli(CliEnvironment environment) {
        this.environment = environment;
    }

    public int run(String... args) {
        CommandLine commandLine = commandLine();
        int code = commandLine.execute(args);
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    /** The configured picocli command tree, also used by tests to inspect parsing. */
    CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new BraidCommand(environment));
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        commandLine.setExecutionExceptionHandler(new FailureReporter());
        commandLine.setParameterExceptionHandler(new UsageReporter());
        HelpSummaries.install(commandLine);
        return commandLine;
    }
}
