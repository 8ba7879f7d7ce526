package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpSummariesTest {
    @TempDir
    Path home;

    @Test
    void aSummaryIsTheWholeFirstSentenceHoweverManyLinesItSpans() {
        assertEquals("Writes a demo ML project (a git repository, branches, tags, a DVC pipeline) and syncs it.",
                HelpSummaries.summary(new String[] {"Writes a demo ML project (a git repository, branches, tags,",
                        "a DVC pipeline) and syncs it. More details follow."}));
        assertEquals("Imports events from files.", HelpSummaries.summary(new String[] {"Imports events from files:", "  one a line"}));
    }

    @Test
    void noCommandSummaryInAnyHelpStopsMidPhrase() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"lineage", "--help"}, new String[] {"source", "--help"},
                new String[] {"runs", "--help"}, new String[] {"repo", "--help"})) {
            CliRun cli = new CliRun(home);
            assertEquals(0, cli.run(args));
            String commands = cli.out().substring(cli.out().indexOf("Commands:")).split("\\R\\R")[0];
            List<String> entries = List.of(commands.split("\\R(?=  \\S)"));
            for (String entry : entries.subList(1, entries.size())) {
                String summary = entry.replaceAll("\\s+", " ").strip();
                if (summary.startsWith("help ")) {
                    continue;
                }
                assertTrue(summary.endsWith(".") || summary.endsWith(")"), String.join(" ", args) + ": " + summary);
            }
        }
    }
}
