package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code braid features} over the demo (its Feast registry, feature repository and MLflow runs as
 * {@code braid demo} syncs them): the output fields the issue names, exactly, and clear errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeaturesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path home;
    private String dir;

    @BeforeAll
    void demo(@TempDir Path tmp) {
        home = tmp;
        dir = tmp.resolve("data").toString();
        CliRun demo = new CliRun(home);
        assertEquals(0, demo.run("--data-dir", dir, "demo"), demo.err());
    }

    @AfterAll
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    private CliRun ok(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir, "features"));
        all.addAll(List.of(args));
        CliRun run = new CliRun(home);
        assertEquals(0, run.run(all.toArray(String[]::new)), run.err());
        return run;
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void listPrintsOneObjectPerViewWithTheNamedFields() throws Exception {
        List<JsonNode> views = lines(ok("list", "--json").out());
        assertEquals(4, views.size());
        for (JsonNode v : views) {
            Set<String> keys = new TreeSet<>();
            v.fieldNames().forEachRemaining(keys::add);
            assertEquals(new TreeSet<>(List.of("source", "project", "name", "version", "entities", "fields", "source_name",
                    "updated_at")), keys);
            assertEquals("demo-feast", v.get("source").asText());
            assertTrue(v.get("fields").get(0).has("name") && v.get("fields").get(0).has("type"), v.toString());
        }
        JsonNode engagement = views.stream().filter(v -> v.get("name").asText().equals("engagement")).findFirst().orElseThrow();
        assertEquals("v1", engagement.get("version").asText());
        assertEquals("[\"customer\"]", engagement.get("entities").toString());
        assertEquals(0, lines(ok("list", "--project", "no_such_project", "--json").out()).size());
    }

    @Test
    void showDiffAndUsedByTellTheVersionsAndWhoIsStale() throws Exception {
        JsonNode shown = JSON.readTree(ok("show", "engagement", "--versions", "--json").out());
        assertEquals("v1", shown.get("version").asText());
        String text = ok("show", "engagement", "--versions").out();
        assertTrue(text.contains("v0") && text.contains("v1"), text);

        JsonNode diff = JSON.readTree(ok("diff", "engagement", "v0", "v1", "--json").out());
        List<String> added = new ArrayList<>();
        diff.get("added").forEach(f -> added.add(f.get("name").asText() + ":" + f.get("type").asText()));
        assertTrue(added.contains("api_calls_7d:Int64"), added.toString());

        List<JsonNode> uses = lines(ok("used-by", "engagement@v0", "--json").out());
        assertTrue(!uses.isEmpty());
        assertTrue(uses.stream().allMatch(u -> u.get("version").asText().equals("v0") && u.get("stale").asBoolean()));
        assertTrue(uses.stream().anyMatch(u -> u.get("kind").asText().equals("model_version")), uses.toString());
        List<JsonNode> current = lines(ok("used-by", "engagement@v1", "--json").out());
        assertTrue(!current.isEmpty() && current.stream().noneMatch(u -> u.get("stale").asBoolean()));
    }

    @Test
    void aModelVersionsBillOfMaterialsListsTheFeatureVersionsItsRunUsed() throws IOException {
        CliRun bomRun = new CliRun(home);
        assertEquals(0, bomRun.run("--data-dir", dir, "bom", "models:/churn-classifier@champion"), bomRun.err());
        JsonNode bom = JSON.readTree(bomRun.out());
        // The champion trained on engagement v0 (stale since v1): its BOM names that version as data it depends on.
        String components = bom.path("components").toString();
        assertTrue(components.contains("feature-view-version:") && components.contains("engagement@v0"), components);
        assertTrue(bom.path("dependencies").toString().contains("engagement@v0"), bom.path("dependencies").toString());
    }

    @Test
    void badInputGetsAClearErrorAndTheRightExitCode() {
        CliRun missing = new CliRun(home);
        assertEquals(1, missing.run("--data-dir", dir, "features", "add", home.resolve("nowhere/registry.db").toString()));
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        CliRun version = new CliRun(home);
        assertEquals(2, version.run("--data-dir", dir, "features", "used-by", "engagement@v7"));
        assertTrue(version.err().contains("has no version v7 (it has v0, v1)"), version.err());
        CliRun unknown = new CliRun(home);
        assertEquals(2, unknown.run("--data-dir", dir, "features", "show", "no_such_view"));
        assertTrue(unknown.err().contains("no_such_view"), unknown.err());
    }
}
