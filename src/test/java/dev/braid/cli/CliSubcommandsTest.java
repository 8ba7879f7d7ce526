package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
}
