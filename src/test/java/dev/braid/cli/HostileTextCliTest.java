package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names are data. A commit subject, an author and an OpenLineage job that carry terminal escape
 * sequences (in a real git repository and real events) print as visible escapes in text output
 * and exactly in JSON; names that differ only in a lone surrogate or NUL are refused at the door
 * instead of being merged into one node.
 */
class HostileTextCliTest {
    private static final String SUBJECT = "Fix\u001b]0;owned\u0007 bug\rALL TESTS PASSED\u001b[2J";
    private static final String AUTHOR = "Mallory\u001b[8m";
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void escapeSequencesInCommitsAndJobsPrintVisiblyAndStayExactInJson() throws Exception {
        Path repo = home.resolve("repo");
        GitCli git = new GitCli(Files.createDirectories(repo));
        git.run("init", "-q");
        String message = SUBJECT + "\n";
        String stream = "commit refs/heads/main\n"
                + "author " + AUTHOR + " <m@example.com> 1700000000 +0000\n"
                + "committer " + AUTHOR + " <m@example.com> 1700000000 +0000\n"
                + "data " + message.getBytes(StandardCharsets.UTF_8).length + "\n" + message
                + "M 644 inline a.txt\ndata 2\na\n\n";
        git.run(Map.of(), stream, "fast-import", "--quiet");
        String dir = home.resolve("data").toString();
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "repo", "add", repo.toString(), "--name", "r"));

        CliRun text = new CliRun(home);
        assertEquals(0, text.run("--data-dir", dir, "repo", "log", "r"));
        assertNoControlCharacters(text.out());
        assertTrue(text.out().contains("Fix\\e]0;owned\\a bug\\rALL TESTS PASSED\\e[2J"), text.out());
        assertTrue(text.out().contains("Mallory\\e[8m"), text.out());

        CliRun data = new CliRun(home);
        assertEquals(0, data.run("--data-dir", dir, "repo", "log", "r", "--json"));
        JsonNode commit = json.readTree(data.out());
        assertEquals(SUBJECT, commit.get("subject").asText());
        assertEquals(AUTHOR, commit.get("author").asText());

        String job = "clean\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007";
        Path events = Files.writeString(home.resolve("e.jsonl"), event("01900000-0000-7000-8000-000000000001",
                json.writeValueAsString(job), "\"raw/a.csv\"") + "\n");
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "lineage", "import", events.toString()));
        CliRun show = new CliRun(home);
        assertEquals(0, show.run("--data-dir", dir, "lineage", "show", "dataset:s3://hostile:raw/a.csv"));
        assertNoControlCharacters(show.out());
        assertTrue(show.out().contains("clean\\e]8;;https://evil.example/\\aclick"), show.out());
        CliRun showJson = new CliRun(home);
        assertEquals(0, showJson.run("--data-dir", dir, "lineage", "show", "dataset:s3://hostile:raw/a.csv", "--json"));
        assertTrue(showJson.out().lines().map(this::tree).anyMatch(n -> n.get("name").asText().startsWith(job + " #")), showJson.out());
    }

    @Test
    void namesDifferingOnlyInALoneSurrogateOrNulAreRefusedNotMerged() throws Exception {
        String dir = home.resolve("data").toString();
        Path events = Files.writeString(home.resolve("e.jsonl"), String.join("\n",
                event("01900000-0000-7000-8000-000000000002", "\"job\"", "\"raw/a\\ud800.csv\""),
                event("01900000-0000-7000-8000-000000000003", "\"job\"", "\"raw/a\\udfff.csv\""),
                event("01900000-0000-7000-8000-000000000004", "\"job\"", "\"raw/a\\u0000.csv\""),
                event("01900000-0000-7000-8000-000000000005", "\"job\"", "\"raw/a.csv\"")) + "\n");
        CliRun load = new CliRun(home);
        assertEquals(1, load.run("--data-dir", dir, "lineage", "import", events.toString()));
        assertTrue(load.err().contains("e.jsonl:1") && load.err().contains("lone UTF-16 surrogate (\\ud800)"), load.err());
        assertTrue(load.err().contains("e.jsonl:2") && load.err().contains("(\\udfff)"), load.err());
        assertTrue(load.err().contains("e.jsonl:3") && load.err().contains("NUL"), load.err());
        assertTrue(load.err().contains("inputs[0].name"), load.err());
        assertTrue(load.out().contains("Imported 1 new events"), load.out());

        CliRun merged = new CliRun(home);
        assertEquals(2, merged.run("--data-dir", dir, "lineage", "show", "dataset:s3://hostile:raw/a?.csv"));
        CliRun export = new CliRun(home);
        assertEquals(0, export.run("--data-dir", dir, "lineage", "export", "--format", "json"));
        assertFalse(export.out().contains("raw/a?"), export.out());
    }

    private JsonNode tree(String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    private static void assertNoControlCharacters(String text) {
        for (char ch : text.toCharArray()) {
            assertTrue(ch == '\n' || ch >= 0x20 && ch != 0x7f && !(ch >= 0x80 && ch <= 0x9f),
                    "raw control character " + (int) ch + " in: " + text);
        }
    }

    private static String event(String runId, String jobJson, String inputJson) {
        return "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-01-05T10:00:00Z\",\"producer\":\"https://example.com/t\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + "\"run\":{\"runId\":\"" + runId + "\"},"
                + "\"job\":{\"namespace\":\"hostile\",\"name\":" + jobJson + "},"
                + "\"inputs\":[{\"namespace\":\"s3://hostile\",\"name\":" + inputJson + "}],"
                + "\"outputs\":[{\"namespace\":\"s3://hostile\",\"name\":\"clean/a.parquet\"}]}";
    }
}
