package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.cli.BraidJar.Result;
import dev.braid.lineage.PythonEmitter;
import dev.braid.lineage.Scenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braid lineage} from the packaged jar, fed by the real OpenLineage client through files and HTTP. */
class LineageCliSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("Listening on (http://127\\.0\\.0\\.1:(\\d+))/api/v1/lineage.*");

    @TempDir
    Path home;

    @Test
    void importFilesThenAskTheGraph() throws Exception {
        BraidJar braid = new BraidJar(home);
        JsonNode emitted = PythonEmitter.run(home.resolve("py"), Map.of(), "files", home.resolve("ol").toString());
        Result imported = braid.run("lineage", "import", home.resolve("ol/append/events.jsonl").toString(), home.resolve("ol/perfile").toString());
        assertEquals(0, imported.exitCode(), imported.toString());
        assertEquals("Imported 15 new events from 9 files (1 already imported, 0 refused).\n", imported.out());

        String train = Scenario.run(emitted.get("append"), "train");
        Result upstream = braid.run("lineage", "show", train, "--upstream", "--depth", "2", "--json");
        assertEquals(0, upstream.exitCode(), upstream.toString());
        List<String> reached = new ArrayList<>();
        for (String line : upstream.lines()) {
            JsonNode n = JSON.readTree(line);
            reached.add(n.get("depth").asInt() + " " + n.get("kind").asText() + " " + n.get("id").asText());
        }
        assertEquals(List.of("0 job-run " + train,
                "1 dataset-version dataset-version:s3://bucket:append/features.parquet@v1",
                "1 job-run " + Scenario.run(emitted.get("append"), "nightly"),
                "1 job job:pipelines:append.train",
                "2 dataset dataset:s3://bucket:append/features.parquet",
                "2 job-run " + Scenario.run(emitted.get("append"), "clean"),
                "2 job job:pipelines:append.nightly").stream().sorted().toList(), reached.stream().sorted().toList());

        Result impact = braid.run("lineage", "impact", Scenario.COMMIT, "--csv");
        assertEquals(0, impact.exitCode(), impact.toString());
        assertTrue(impact.out().startsWith("kind,id,name,status,depth\r\n"), impact.out());
        assertTrue(impact.out().contains("job-run," + train + ",append.train #"), impact.out());

        Result dot = braid.run("lineage", "export", Scenario.RAW, "--depth", "1", "--format", "dot");
        assertEquals(0, dot.exitCode(), dot.toString());
        assertTrue(dot.out().contains("\"" + Scenario.RAW + "\" -> \"" + Scenario.run(emitted.get("perfile"), "clean") + "\" [label=\"input\"];"),
                dot.out());

        Path bad = Files.writeString(home.resolve("bad.jsonl"), "{\"run\": {\"runId\": \"nope\"}}\n");
        Result refused = braid.run("lineage", "import", bad.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertEquals("braid: " + bad + ":1: eventTime: missing\n", refused.err());
        assertEquals(2, braid.run("lineage", "show", "dataset:none:such").exitCode());
    }

    @Test
    void serveReceivesTheHttpTransportUntilStopped() throws Exception {
        BraidJar braid = new BraidJar(home);
        Process serve = startServe(braid.dataDir());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            Matcher listening = LISTENING.matcher(first == null ? "" : first);
            assertTrue(listening.matches(), "unexpected first line: " + first);
            String base = listening.group(1);

            JsonNode refused = PythonEmitter.run(home.resolve("py"), Map.of(), "http", base, "not-the-token", "gzip");
            assertEquals(401, refused.get("error").asInt(), refused.toString());
            JsonNode sent = PythonEmitter.run(home.resolve("py"), Map.of(), "http", base, "serve-token", "gzip");
            assertTrue(sent.has("train"), sent.toString());

            serve.destroy();
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "braid lineage serve did not stop");
            String err = Files.readString(home.resolve("serve-err.txt"));
            assertTrue(err.contains("Stopped: 8 events stored, 0 repeats, 1 refused."), err);

            Result show = braid.run("lineage", "show", Scenario.run(sent, "train"), "--json");
            assertEquals(0, show.exitCode(), show.toString());
            JsonNode self = JSON.readTree(show.lines().get(0));
            assertEquals("FAILED", self.get("status").asText());
            assertEquals("http.train #" + sent.get("train").asText().substring(28), self.get("name").asText());
        } finally {
            serve.destroyForcibly();
        }
    }

    private Process startServe(Path dataDir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("braid.jar", "target/braid.jar")).toAbsolutePath().toString(),
                "--data-dir", dataDir.toString(), "lineage", "serve", "--port", "0", "--token-env", "OL_TOKEN"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("OL_TOKEN", "serve-token");
        builder.environment().remove("DISPLAY");
        builder.redirectError(home.resolve("serve-err.txt").toFile());
        return builder.start();
    }
}
