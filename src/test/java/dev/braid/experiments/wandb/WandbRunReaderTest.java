package dev.braid.experiments.wandb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.testing.WandbOfflineRuns;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads offline runs the real {@code wandb} client wrote and checks every field against what the
 * client itself reads back from the same folders ({@code wandb leet inspect}).
 */
class WandbRunReaderTest {
    private static WandbOfflineRuns runs;
    private static Map<String, WandbRun> read;

    @BeforeAll
    static void writeAndRead() throws Exception {
        runs = WandbOfflineRuns.shared();
        read = new LinkedHashMap<>();
        for (var e : runs.folders().entrySet()) {
            read.put(e.getKey(), new WandbRunReader().read(e.getValue()));
        }
    }

    @Test
    void findsEveryRunFolderOfTheProject() throws Exception {
        assertEquals(new TreeSet<>(runs.folders().values()), new TreeSet<>(WandbFolders.find(runs.project())));
        assertEquals(new TreeSet<>(runs.folders().values()), new TreeSet<>(WandbFolders.find(runs.project().resolve("wandb"))));
    }

    @Test
    void identityStateNotesAndTagsMatchTheClient() {
        for (var e : read.entrySet()) {
            JsonNode client = runs.clientSummary(e.getKey());
            WandbRun run = e.getValue();
            assertEquals(client.get("run_id").asText(), run.runId());
            assertEquals(client.get("name").asText(), run.name());
            assertEquals(client.get("project").asText(), run.project());
            assertEquals(client.path("notes").asText(""), run.notes() == null ? "" : run.notes());
            List<String> tags = new ArrayList<>();
            client.path("tags").forEach(t -> tags.add(t.asText()));
            assertEquals(tags, run.tags());
            assertEquals(client.get("exit_code").asInt(), run.exitCode());
            assertEquals("finished".equals(client.get("state").asText()) && run.exitCode() == 0 ? "FINISHED" : "FAILED",
                    run.status());
            assertFalse(run.truncated());
        }
        WandbRun baseline = byName("baseline");
        assertEquals("first try", baseline.notes());
        assertEquals(List.of("baseline", "cpu"), baseline.tags());
        assertEquals("FAILED", byName("wider").status());
    }

    @Test
    void configMatchesTheClientFlattened() {
        for (var e : read.entrySet()) {
            Map<String, String> expected = new TreeMap<>();
            flatten("", runs.clientSummary(e.getKey()).get("config"), expected);
            assertEquals(expected, e.getValue().config());
        }
        assertEquals("64", byName("baseline").config().get("layers.hidden"));
        assertEquals("adam", byName("baseline").config().get("optimizer"));
    }

    @Test
    void summaryMatchesTheClient() {
        for (var e : read.entrySet()) {
            JsonNode client = runs.clientSummary(e.getKey()).get("summary");
            Map<String, String> ours = e.getValue().summary();
            for (Iterator<String> it = client.fieldNames(); it.hasNext();) {
                String key = it.next();
                assertEquals(client.get(key).asDouble(), Double.parseDouble(ours.get(key)), 0.0, key);
            }
            assertEquals(new TreeSet<>(ours.keySet()), names(client));
        }
        assertEquals(0.99, Double.parseDouble(byName("baseline").summary().get("best_acc")));
    }

    @Test
    void fullHistoryMatchesEveryHistoryRecordTheClientReads() {
        for (var e : read.entrySet()) {
            Map<String, List<String>> expected = new TreeMap<>();
            for (JsonNode record : runs.clientRecords(e.getKey())) {
                if (!"history".equals(record.path("type").asText())) {
                    continue;
                }
                JsonNode items = record.get("history").get("item");
                long step = record.get("history").path("step").path("num").asLong(0);
                long ms = Math.round(items.get("_timestamp").asDouble() * 1000);
                for (Iterator<String> it = items.fieldNames(); it.hasNext();) {
                    String key = it.next();
                    if (!key.startsWith("_") && items.get(key).isNumber()) {
                        expected.computeIfAbsent(key, k -> new ArrayList<>()).add(step + "@" + ms + "=" + items.get(key).asDouble());
                    }
                }
            }
            Map<String, List<String>> ours = new TreeMap<>();
            e.getValue().history().forEach((key, points) -> ours.put(key,
                    points.stream().map(p -> p.step() + "@" + p.timestamp() + "=" + p.value()).toList()));
            assertEquals(expected, ours);
        }
        assertEquals(WandbOfflineRuns.STEPS, byName("baseline").history().get("loss").size());
        assertEquals(WandbOfflineRuns.STEPS - 1, byName("baseline").history().get("loss").get(WandbOfflineRuns.STEPS - 1).step());
        assertEquals(18, byName("wider").history().get("loss").get(9).step());
    }

    @Test
    void gitCommitAndRemoteAreTheRepositorysAndTheClients() {
        for (var e : read.entrySet()) {
            JsonNode git = firstOfType(e.getKey(), "run").get("run").get("git");
            assertEquals(git.get("commit").asText(), e.getValue().gitCommit());
            assertEquals(git.get("remote_url").asText(), e.getValue().gitRemote());
            assertEquals(runs.commit(), e.getValue().gitCommit());
            assertEquals(WandbOfflineRuns.REMOTE, e.getValue().gitRemote());
        }
    }

    @Test
    void loggedArtifactMatchesTheClient() {
        WandbRun baseline = byName("baseline");
        JsonNode client = firstOfType(baseline.runId(), "artifact").get("artifact");
        assertEquals(1, baseline.logged().size());
        WandbRun.WandbArtifact artifact = baseline.logged().get(0);
        assertEquals(client.get("name").asText(), artifact.name());
        assertEquals("training-data", artifact.name());
        assertEquals("dataset", artifact.type());
        assertEquals(client.get("digest").asText(), artifact.digest());
        assertEquals(new TreeSet<>(List.of("latest", "v-first")), new TreeSet<>(artifact.aliases()));
        JsonNode file = client.get("manifest").get("contents").get(0);
        assertEquals(List.of(new WandbRun.ManifestEntry(file.get("path").asText(), file.get("digest").asText(),
                file.get("size").asLong())), artifact.files());
        assertTrue(baseline.used().isEmpty(), "W&B refuses use_artifact offline");
    }

    @Test
    void aReferenceKeepsTheLocationTheClientRecorded() {
        WandbRun wider = byName("wider");
        JsonNode client = firstOfType(wider.runId(), "artifact").get("artifact");
        assertEquals(1, wider.logged().size());
        WandbRun.WandbArtifact artifact = wider.logged().get(0);
        assertEquals("raw-data", artifact.name());
        JsonNode file = client.get("manifest").get("contents").get(0);
        assertTrue(file.get("ref").asText().startsWith("file:///"), file.toString());
        assertTrue(file.get("ref").asText().endsWith("/churn/data.csv"), file.toString());
        assertEquals(List.of(new WandbRun.ManifestEntry(file.get("path").asText(), file.get("digest").asText(),
                file.get("size").asLong(), file.get("ref").asText())), artifact.files());
    }

    @Test
    void timesComeFromTheRunRecordAndTheLastStep() {
        WandbRun baseline = byName("baseline");
        assertEquals(java.time.Instant.parse(runs.clientSummary(baseline.runId()).get("start_time").asText()).toEpochMilli(),
                baseline.startTime());
        List<WandbRun.WandbPoint> loss = baseline.history().get("loss");
        assertEquals(loss.get(loss.size() - 1).timestamp(), baseline.endTime());
        assertNull(byName("baseline").group());
    }

    private static WandbRun byName(String name) {
        return read.values().stream().filter(r -> name.equals(r.name())).findFirst().orElseThrow();
    }

    private static JsonNode firstOfType(String runId, String type) {
        return runs.clientRecords(runId).stream().filter(r -> type.equals(r.path("type").asText())).findFirst().orElseThrow();
    }

    private static TreeSet<String> names(JsonNode object) {
        TreeSet<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject() && !node.isEmpty()) {
            node.fields().forEachRemaining(f -> flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out));
        } else {
            out.put(prefix, node.isTextual() ? node.textValue() : node.toString());
        }
    }
}
