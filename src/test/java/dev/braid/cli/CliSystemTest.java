package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.cli.BraidJar.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code braid} command line as a user runs it: real processes, real cache, real repositories. */
class CliSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void versionAndHelp() {
        BraidJar braid = new BraidJar(home);
        Result version = braid.runRaw(List.of(), List.of("--version"));
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().matches("braid \\d+\\.\\d+\\.\\d+\\S*\\R"), version.toString());

        Result help = braid.run("repo", "log", "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().startsWith("Usage: braid repo log"), help.toString());
        assertTrue(help.out().contains("--json"), help.toString());
        assertEquals("", help.err());
    }

    @Test
    void commandLineNeverStartsJavaFx() {
        BraidJar braid = new BraidJar(home);
        Result result = braid.runRaw(List.of("-verbose:class"),
                List.of("--data-dir", braid.dataDir().toString(), "status", "--json"));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("dev.braid.cli.StatusCommand"), "class loading was not traced");
        assertFalse(result.out().contains("javafx."), "the command line loaded JavaFX classes");
    }

    @Test
    void windowWithoutADisplayFailsWithAClearMessage() {
        Result gui = new BraidJar(home).run("gui");
        assertEquals(1, gui.exitCode(), gui.toString());
        assertTrue(gui.err().contains("no display"), gui.toString());
    }

    @Test
    void badUsageExitsWithTwoAndExplainsOnStderr() {
        BraidJar braid = new BraidJar(home);
        Result unknownCommand = braid.run("frobnicate");
        assertEquals(2, unknownCommand.exitCode(), unknownCommand.toString());
        assertTrue(unknownCommand.err().startsWith("braid: "), unknownCommand.toString());
        assertEquals("", unknownCommand.out());

        Result unknownOption = braid.run("status", "--yaml");
        assertEquals(2, unknownOption.exitCode(), unknownOption.toString());

        Result unknownSource = braid.run("sync", "nothing-called-this");
        assertEquals(2, unknownSource.exitCode(), unknownSource.toString());
        assertTrue(unknownSource.err().contains("unknown source: nothing-called-this"), unknownSource.toString());
    }

    @Test
    void addingAFolderThatDoesNotExistFailsAndAddsNothing() throws IOException {
        BraidJar braid = new BraidJar(home);
        Result add = braid.run("repo", "add", home.resolve("no-such-folder").toString());
        assertEquals(1, add.exitCode(), add.toString());
        assertTrue(add.err().startsWith("braid: "), add.toString());
        assertTrue(add.err().contains("no-such-folder"), add.toString());

        Result list = braid.run("repo", "list", "--json");
        assertEquals(0, list.exitCode(), list.toString());
        assertEquals(0, JSON.readTree(list.out()).size(), list.toString());
    }

    @Test
    void historyOfARepositoryMadeWithTheGitCommandMatchesGitLog() throws IOException {
        Path repo = home.resolve("made-with-git");
        GitCli git = TestRepos.withGitCommand(repo);
        BraidJar braid = new BraidJar(home);
        Result add = braid.run("repo", "add", repo.toString(), "--name", "cli-repo");
        assertEquals(0, add.exitCode(), add.toString());

        assertHistoriesMatch(braid, "cli-repo", git);
    }

    @Test
    void historyOfARepositoryMadeWithJGitMatchesGitLog() throws Exception {
        Path repo = home.resolve("made-with-jgit");
        TestRepos.withJGit(repo);
        GitCli git = new GitCli(repo);
        BraidJar braid = new BraidJar(home);
        Result add = braid.run("repo", "add", repo.toString());
        assertEquals(0, add.exitCode(), add.toString());

        assertHistoriesMatch(braid, "made-with-jgit", git);
    }

    @Test
    void longHistoryIsListedCompletelyInGitOrder() throws IOException {
        Path repo = home.resolve("long");
        GitCli git = TestRepos.longHistory(repo, 1_203);
        BraidJar braid = new BraidJar(home);
        assertEquals(0, braid.run("repo", "add", repo.toString()).exitCode());

        assertEquals(git.log("%H %P").stream().map(String::strip).toList(), hashesAndParents(braid.run("repo", "log", "long", "--json")));
        Result limited = braid.run("repo", "log", "long", "--json", "--limit", "501");
        assertEquals(git.log("%H %P", "-n", "501").stream().map(String::strip).toList(), hashesAndParents(limited));
    }

    @Test
    void syncAndStatusReportEverySourceAndFailWhenOneFails() throws IOException {
        Path good = home.resolve("good");
        Path doomed = home.resolve("doomed");
        GitCli goodGit = TestRepos.withGitCommand(good);
        TestRepos.withGitCommand(doomed);
        BraidJar braid = new BraidJar(home);
        assertEquals(0, braid.run("repo", "add", good.toString()).exitCode());
        assertEquals(0, braid.run("repo", "add", doomed.toString()).exitCode());

        goodGit.commit("main.txt", "later", "A later change", "2024-04-01T12:00:00+02:00");
        TestRepos.deleteRecursively(doomed);
        Result sync = braid.run("sync");
        assertEquals(1, sync.exitCode(), sync.toString());
        assertTrue(sync.err().contains("[doomed]"), sync.toString());

        JsonNode status = JSON.readTree(braid.run("status", "--json").out());
        assertEquals(2, status.size(), status.toString());
        for (JsonNode source : status) {
            assertEquals("git", source.get("kind").asText());
            assertTrue(source.get("lastSync").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d"),
                    source.toString());
            String expected = source.get("name").asText().equals("good") ? "SUCCEEDED" : "FAILED";
            assertEquals(expected, source.get("outcome").asText(), source.toString());
        }

        Result syncGood = braid.run("sync", "good");
        assertEquals(0, syncGood.exitCode(), syncGood.toString());
        List<String> log = braid.run("repo", "log", "good", "--limit", "1", "--json").lines();
        assertEquals("A later change", JSON.readTree(log.get(0)).get("subject").asText());
    }

    @Test
    void demoWritesTheDemoProjectAndSyncsItCompletely() throws IOException {
        Path into = home.resolve("demo-files");
        BraidJar braid = new BraidJar(home);
        Result demo = braid.run("demo", "--into", into.toString());
        assertEquals(0, demo.exitCode(), demo.toString());
        assertTrue(demo.out().contains("succeeded"), demo.toString());

        String name = JSON.readTree(braid.run("repo", "list", "--json").out()).get(0).get("name").asText();
        assertEquals(stripped(new GitCli(into).log("%H %P", "--all")),
                hashesAndParents(braid.run("repo", "log", name, "--all", "--json")));

        Result again = braid.run("demo", "--into", into.toString());
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains("not empty"), again.toString());
    }

    /** HEAD, every branch, a tag and --all: same commits, parents and order as git log; same fields. */
    private static void assertHistoriesMatch(BraidJar braid, String name, GitCli git) throws IOException {
        assertEquals(stripped(git.log("%H %P")), hashesAndParents(braid.run("repo", "log", name, "--json")));
        List<String> branches = git.run("for-each-ref", "--format=%(refname:short)", "refs/heads").lines().toList();
        assertTrue(branches.size() >= 3, branches.toString());
        for (String branch : branches) {
            assertEquals(stripped(git.log("%H %P", branch)),
                    hashesAndParents(braid.run("repo", "log", name, "--ref", branch, "--json")), branch);
        }
        assertEquals(stripped(git.log("%H %P", "v1")), hashesAndParents(braid.run("repo", "log", name, "--ref", "v1", "--json")));
        assertEquals(stripped(git.log("%H %P", "--all")), hashesAndParents(braid.run("repo", "log", name, "--all", "--json")));

        List<String> fields = new ArrayList<>();
        for (String line : braid.run("repo", "log", name, "--all", "--json").lines()) {
            JsonNode commit = JSON.readTree(line);
            fields.add(String.join("\t", commit.get("hash").asText(), commit.get("author").asText(),
                    commit.get("email").asText(), commit.get("authorTime").asText(), commit.get("subject").asText()));
        }
        assertEquals(git.log("%H%x09%an%x09%ae%x09%aI%x09%s", "--all"), fields);

        Result unknownRef = braid.run("repo", "log", name, "--ref", "no-such-branch");
        assertEquals(2, unknownRef.exitCode(), unknownRef.toString());
    }

    private static List<String> stripped(List<String> lines) {
        return lines.stream().map(String::strip).toList();
    }

    private static List<String> hashesAndParents(Result result) throws IOException {
        assertEquals(0, result.exitCode(), result.toString());
        List<String> rows = new ArrayList<>();
        for (String line : result.lines()) {
            JsonNode commit = JSON.readTree(line);
            List<String> parts = new ArrayList<>();
            parts.add(commit.get("hash").asText());
            StreamSupport.stream(commit.get("parents").spliterator(), false).map(JsonNode::asText).forEach(parts::add);
            rows.add(String.join(" ", parts));
        }
        return rows;
    }
}
