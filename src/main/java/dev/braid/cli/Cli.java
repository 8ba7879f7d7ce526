package dev.braid.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

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
        CommandLine commandLine = commandLine(subcommandsFor(args));
        int code = commandLine.execute(args);
        environment.data().flush();
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    /** The configured picocli command tree with every command, also used by tests to inspect parsing. */
    CommandLine commandLine() {
        return commandLine(BraidCommand.SUBCOMMANDS);
    }

    private CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine commandLine = new CommandLine(new BraidCommand(environment));
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        commandLine.setExecutionExceptionHandler(new FailureReporter());
        commandLine.setParameterExceptionHandler(new UsageReporter());
        HelpSummaries.install(commandLine);
        return commandLine;
    }

    /**
     * The commands {@code args} need: the one they name (after the root's own options), none for
     * the window or the version, every one when they ask for help or when the first word is no
     * command (so that usage errors list and suggest them all).
     */
    static List<Class<?>> subcommandsFor(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--data-dir")) {
                i++;
            } else if (!arg.startsWith("--data-dir=") && !arg.equals("-v") && !arg.equals("--verbose")) {
                if (arg.equals("-V") || arg.equals("--version")) {
                    return List.of();
                }
                return arg.startsWith("-") ? BraidCommand.SUBCOMMANDS : named(arg);
            }
        }
        return List.of();
    }

    private static List<Class<?>> named(String word) {
        for (Class<?> subcommand : BraidCommand.SUBCOMMANDS) {
            Command command = subcommand.getAnnotation(Command.class);
            if (subcommand != HelpCommand.class && command != null
                    && (command.name().equals(word) || Arrays.asList(command.aliases()).contains(word))) {
                return List.of(subcommand);
            }
        }
        return BraidCommand.SUBCOMMANDS;
    }
}
