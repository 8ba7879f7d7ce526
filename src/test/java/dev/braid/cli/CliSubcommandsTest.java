package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The command line registers only the command its arguments name (picocli builds every registered one). */
class CliSubcommandsTest {
    @Test
    void theCommandNamedAfterTheRootOptionsIsTheOnlyOneRegistered() {
        assertEquals(List.of(RepoCommand.class), Cli.subcommandsFor("repo", "log", "x"));
        assertEquals(List.of(StatusCommand.class), Cli.subcommandsFor("--data-dir", "/tmp/d", "-v", "status", "--json"));
        assertEquals(List.of(LineageCommand.class), Cli.subcommandsFor("--data-dir=/tmp/d", "--verbose", "lineage", "--help"));
    }

    @Test
    void helpUsageErrorsAndUnknownWordsRegisterEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help", "repo"}, {"no-such-command"}, {"--no-such-option"},
                {"--data-dir", "/tmp/d", "reop", "log"}}) {
            assertEquals(BraidCommand.SUBCOMMANDS, Cli.subcommandsFor(args), String.join(" ", args));
        }
    }

    @Test
    void theWindowAndTheVersionNeedNoCommand() {
        assertEquals(List.of(), Cli.subcommandsFor());
        assertEquals(List.of(), Cli.subcommandsFor("--data-dir", "/tmp/d"));
        assertEquals(List.of(), Cli.subcommandsFor("--version"));
    }

    @Test
    void commandsAreListedInSubcommandsNotInTheRootAnnotation() {
        assertEquals(0, BraidCommand.class.getAnnotation(Command.class).subcommands().length,
                "add new commands to BraidCommand.SUBCOMMANDS: a command in the annotation is built for every call");
    }

    @Test
    void aLineageQuestionRegistersOnlyTheLineageCommandItNames() {
        assertEquals(List.of(LineageShowCommand.class),
                Cli.innerCommandsFor(LineageCommand.class, "--data-dir", "/tmp/d", "lineage", "show", "x", "--json"));
        assertEquals(List.of(LineageImpactCommand.class), Cli.innerCommandsFor(LineageCommand.class, "lineage", "impact", "--help"));
        for (String[] args : new String[][] {{"lineage"}, {"lineage", "--help"}, {"lineage", "-h", "show"}, {"lineage", "shwo", "x"},
                {"-v", "lineage", "help", "show"}}) {
            assertEquals(LineageCommand.SUBCOMMANDS, Cli.innerCommandsFor(LineageCommand.class, args), String.join(" ", args));
        }
        assertEquals(null, Cli.innerCommandsFor(RepoCommand.class, "repo", "log"), "a command with no list of its own");
    }

    @Test
    void lineageCommandsAreListedInItsSubcommandsNotInItsAnnotation() {
        assertEquals(0, LineageCommand.class.getAnnotation(Command.class).subcommands().length);
    }

    @Test
    void theLineageCommandsRunWhenOnlyTheNamedOneIsRegistered() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, cli(out, err).run("lineage", "show", "--help"), err.toString());
        assertTrue(out.toString().contains("Usage: braid lineage show"), out.toString());
        StringWriter list = new StringWriter();
        assertEquals(0, cli(list, err).run("lineage", "--help"), err.toString());
        for (String name : List.of("import", "serve", "find", "show", "path", "impact", "label", "export")) {
            assertTrue(list.toString().contains("\n  " + name + " "), name + " in " + list);
        }
    }

    private static Cli cli(StringWriter out, StringWriter err) {
        return new Cli(new CliEnvironment(new PrintWriter(out), new PrintWriter(err), Map.of(), Clock.systemUTC(), (dirs, explicit) -> { }));
    }
}
