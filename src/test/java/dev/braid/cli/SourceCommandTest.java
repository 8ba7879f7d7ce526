package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.ui.GitFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braid source list|rename|remove|pause|resume} on a real cache with two real repositories. */
class SourceCommandTest {
    @TempDir
    Path home;
    private String dataDir;

    @BeforeEach
    void addTwoRepositories() throws Exception {
        dataDir = home.resolve("braid").toString();
        for (String name : new String[] {"alpha", "beta"}) {
            Path repo = GitFixture.mergeRepository(home.resolve(name));
            CliRun cli = new CliRun(home);
            assertEquals(0, cli.run("--data-dir", dataDir, "repo", "add", repo.toString()), cli.err());
        }
    }

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    private CliRun run(int expected, String... args) {
        CliRun cli = new CliRun(home, java.util.Map.of("CI", "true"));
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dataDir;
        System.arraycopy(args, 0, all, 2, args.length);
        assertEquals(expected, cli.run(all), String.join(" ", args) + "\nout: " + cli.out() + "\nerr: " + cli.err());
        return cli;
    }

    @Test
    void listShowsEverySourceAsATableAndAsOneJsonArray() throws Exception {
        CliRun text = run(0, "source", "list");
        String[] lines = text.out().split("\\R");
        assertTrue(lines[0].matches("NAME\\s+KIND\\s+STATE\\s+LAST SYNC\\s+LOCATION"), lines[0]);
        assertTrue(lines[1].matches("alpha\\s+git\\s+succeeded\\s+.*alpha"), lines[1]);
        assertTrue(lines[2].startsWith("beta"), lines[2]);

        JsonNode json = new ObjectMapper().readTree(run(0, "source", "list", "--json").out());
        assertTrue(json.isArray());
        assertEquals(2, json.size());
        assertEquals("alpha", json.get(0).get("name").asText());
        assertEquals("git", json.get(0).get("kind").asText());
        assertFalse(json.get(0).get("paused").asBoolean());
        assertEquals("SUCCEEDED", json.get(0).get("outcome").asText());
        assertTrue(json.get(0).get("location").asText().endsWith("alpha"));
    }

    @Test
    void renameChecksBothNamesAndSuggestsTheClosestForATypo() {
        CliRun typo = run(2, "source", "rename", "alpah", "gamma");
        assertTrue(typo.err().contains("unknown source: alpah (did you mean alpha?)"), typo.err());

        CliRun taken = run(2, "source", "rename", "alpha", "beta");
        assertTrue(taken.err().contains("a source named beta already exists"), taken.err());

        assertEquals("Renamed alpha to gamma.\n", run(0, "source", "rename", "alpha", "gamma").out());
        assertTrue(run(0, "source", "list").out().contains("gamma"));
        assertEquals(0, new CliRun(home).run("--data-dir", dataDir, "repo", "log", "gamma", "--limit", "1"));
    }

    @Test
    void aPausedSourceIsLeftOutOfSyncingEverythingUntilResumed() {
        assertTrue(run(0, "source", "pause", "beta").out().startsWith("Paused beta"));
        assertTrue(run(0, "source", "list").out().lines().anyMatch(l -> l.startsWith("beta") && l.contains("paused")));

        CliRun sync = run(0, "sync");
        assertTrue(sync.out().contains("alpha: succeeded"), sync.out());
        assertFalse(sync.out().contains("beta:"), sync.out());
        assertTrue(sync.err().contains("beta: paused, left out"), sync.err());
        assertTrue(run(0, "sync", "beta").out().contains("beta: succeeded"), "a paused source syncs when named");

        assertEquals("Resumed beta.\n", run(0, "source", "resume", "beta").out());
        assertTrue(run(0, "sync").out().contains("beta: succeeded"));
    }

    @Test
    void pauseAndResumeSayWhenThereWasNothingToChange() {
        assertEquals("beta was not paused.\n", run(0, "source", "resume", "beta").out());
        assertEquals("Paused beta; resume it with: braid source resume beta\n", run(0, "source", "pause", "beta").out());
        assertEquals("beta was already paused.\n", run(0, "source", "pause", "beta").out());
        assertTrue(run(0, "source", "pause", "--help").out().contains("The source to pause (see 'braid source list')."));
        assertTrue(run(0, "source", "resume", "--help").out().contains("The source to resume (see 'braid source list')."));
        run(2, "source", "resume", "nosuch");
    }

    @Test
    void aCacheResetKeepsWhichSourcesArePaused() throws Exception {
        run(0, "source", "pause", "beta");

        run(0, "cache", "reset", "--force");

        JsonNode json = new ObjectMapper().readTree(run(0, "source", "list", "--json").out());
        assertFalse(json.get(0).get("paused").asBoolean(), json.toString());
        assertTrue(json.get(1).get("paused").asBoolean(), "a pause is the user's choice, not something a sync fetches");
    }

    @Test
    void removeAsksForYesWithoutATerminalThenRemovesEverythingCached() {
        CliRun refused = run(2, "source", "remove", "beta");
        assertTrue(refused.err().contains("Removing beta (git) deletes 6 cached commits"), refused.err());
        assertTrue(refused.err().contains("--yes"), refused.err());
        assertTrue(run(0, "source", "list").out().contains("beta"), "nothing was removed");

        CliRun removed = run(0, "source", "remove", "beta", "--yes");
        assertEquals("Removed beta (6 cached commits).\n", removed.out());
        assertFalse(run(0, "source", "list").out().contains("beta"));
        assertTrue(run(2, "repo", "log", "beta").err().contains("beta"));
    }
}
