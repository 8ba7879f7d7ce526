package dev.braid.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The {@code braid} command line: parses {@code args}, runs the command and returns its exit code
 * ({@link ExitCodes}). Output goes to the environment's writers, never straight to the console.
 */
public final class Cli {
    /** Commands whose own commands are listed apart and registered the same way: only the one named. */
    private static final Map<Class<?>, List<Class<?>>> GROUPS = Map.of(LineageCommand.class, LineageCommand.SUBCOMMANDS);

    private final CliEnvironment environment;

    public Cli(CliEnvironment environment) {
        this.environment = environment;
    }

    public int run(String... args) {
        try (EarlyCheck early = EarlyCheck.start(environment, args)) {
            CommandLine commandLine = commandLine(subcommandsFor(args), args, early);
            int code = commandLine.execute(args);
            environment.data().flush();
            environment.out().flush();
            environment.err().flush();
            return code;
        }
    }

    /** The configured picocli command tree with every command, also used by tests to inspect parsing. */
    CommandLine commandLine() {
        return commandLine(BraidCommand.SUBCOMMANDS, new String[0], EarlyCheck.NONE);
    }

    private CommandLine commandLine(List<Class<?>> subcommands, String[] args, EarlyCheck early) {
        CommandLine commandLine = new CommandLine(new BraidCommand(environment, early));
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
            List<Class<?>> inner = subcommands.size() == 1 ? innerCommandsFor(subcommand, args) : GROUPS.get(subcommand);
            if (inner != null) {
                CommandLine group = commandLine.getSubcommands().get(subcommand.getAnnotation(Command.class).name());
                inner.forEach(group::addSubcommand);
            }
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
        int at = commandWord(args);
        if (at < 0) {
            return List.of();
        }
        String arg = args[at];
        if (arg.equals("-V") || arg.equals("--version")) {
            return List.of();
        }
        return arg.startsWith("-") ? BraidCommand.SUBCOMMANDS : named(arg, BraidCommand.SUBCOMMANDS);
    }

    /**
     * The commands of {@code group} (a command of {@link #GROUPS}, the one {@code args} name) that
     * {@code args} need: the one named after the group's word, every one when the next word is an
     * option (help), missing or no command of the group; null for a command that is no group.
     */
    static List<Class<?>> innerCommandsFor(Class<?> group, String... args) {
        List<Class<?>> inner = GROUPS.get(group);
        int at = commandWord(args);
        if (inner == null || at < 0 || at + 1 >= args.length || args[at + 1].startsWith("-")) {
            return inner;
        }
        return named(args[at + 1], inner);
    }

    /**
     * The command {@code args} name, as its words ("status", "repo log"): the first word after the
     * root's own options and the one after it unless that is an option; empty without a command.
     */
    static String commandWords(String... args) {
        int at = commandWord(args);
        if (at < 0) {
            return "";
        }
        return at + 1 < args.length && !args[at + 1].startsWith("-") ? args[at] + " " + args[at + 1] : args[at];
    }

    /** The folder {@code --data-dir} names among the root's own options, or null. */
    static Path dataDirArgument(String... args) {
        Path dataDir = null;
        for (int i = 0; i < commandWordOrEnd(args); i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]);
            } else if (args[i].startsWith("--data-dir=")) {
                dataDir = Path.of(args[i].substring("--data-dir=".length()));
            }
        }
        return dataDir;
    }

    /** Whether {@code -v} or {@code --verbose} is among the root's own options. */
    static boolean verboseArgument(String... args) {
        for (int i = 0; i < commandWordOrEnd(args); i++) {
            if (args[i].equals("-v") || args[i].equals("--verbose")) {
                return true;
            }
            if (args[i].equals("--data-dir")) {
                i++;
            }
        }
        return false;
    }

    private static int commandWordOrEnd(String... args) {
        int at = commandWord(args);
        return at < 0 ? args.length : at;
    }

    /** Where the first word after the root's own options is, or -1 when there is none. */
    private static int commandWord(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--data-dir")) {
                i++;
            } else if (!arg.startsWith("--data-dir=") && !arg.equals("-v") && !arg.equals("--verbose")) {
                return i;
            }
        }
        return -1;
    }

    /** The one of {@code commands} called {@code word}, or all of them when none is. */
    private static List<Class<?>> named(String word, List<Class<?>> commands) {
        for (Class<?> subcommand : commands) {
            Command command = subcommand.getAnnotation(Command.class);
            if (subcommand != HelpCommand.class && command != null
                    && (command.name().equals(word) || Arrays.asList(command.aliases()).contains(word))) {
                return List.of(subcommand);
            }
        }
        return commands;
    }
}
