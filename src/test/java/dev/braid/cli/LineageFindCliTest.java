package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding nodes and naming them as people do, on the demo workspace made by {@code braid demo}. */
class LineageFindCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path home;

    @BeforeAll
    static void demo() {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("demo"), cli.err());
    }

    @AfterAll
    static void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    private static List<JsonNode> lines(CliRun cli) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : cli.out().lines().toList()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void findListsNodesByNameWithTheirIdsAndKinds() throws Exception {
        CliRun text = new CliRun(home);
        assertEquals(0, text.run("lineage", "find", "churn-classifier", "--kind", "model-version"), text.err());
        List<String> rows = text.out().lines().toList();
        assertTrue(rows.get(0).matches("KIND\\s+NAME\\s+ID"), rows.get(0));
        assertTrue(rows.get(1).matches("model-version\\s+churn-classifier v\\d\\s+model-version:demo-mlflow:churn-classifier/\\d"),
                rows.get(1));

        CliRun json = new CliRun(home);
        assertEquals(0, json.run("lineage", "find", "train", "--json"), json.err());
        List<JsonNode> found = lines(json);
        assertFalse(found.isEmpty());
        for (JsonNode node : found) {
            assertTrue(node.has("id") && node.has("kind") && node.has("name") && node.has("label") && node.has("status"), node.toString());
        }

        CliRun none = new CliRun(home);
        assertEquals(0, none.run("lineage", "find", "no-such-thing-anywhere"));
        assertEquals("", none.out());
        assertTrue(none.err().contains("No node's name or id contains \"no-such-thing-anywhere\""), none.err());
    }

    @Test
    void aCommitIsNamedByItsRepositorysNameAndAHashPrefixAndJsonKeepsTheCanonicalId() throws Exception {
        CliRun commits = new CliRun(home);
        assertEquals(0, commits.run("lineage", "find", "Tune", "--kind", "commit", "--json"), commits.err());
        JsonNode commit = lines(commits).get(0);
        String canonical = commit.get("id").asText();
        String sha = canonical.substring(canonical.lastIndexOf(':') + 1);
        assertTrue(canonical.startsWith("commit:/"), "a repository known by its folder: " + canonical);
        assertTrue(commit.get("label").asText().endsWith(" · " + sha.substring(0, 7)), commit.toString());

        CliRun show = new CliRun(home);
        assertEquals(0, show.run("lineage", "show", "commit:demo-ml-project:" + sha.substring(0, 8), "--downstream",
                "--depth", "1", "--json"), show.err());
        assertEquals(canonical, lines(show).get(0).get("id").asText());

        CliRun typo = new CliRun(home);
        assertEquals(2, typo.run("lineage", "show", "model-version:demo-mlflow:churn-clasifier/4"));
        assertTrue(typo.err().contains("unknown node: model-version:demo-mlflow:churn-clasifier/4; the closest known:"), typo.err());
        assertTrue(typo.err().contains("model-version:demo-mlflow:churn-classifier/"), typo.err());
    }

    @Test
    void showWithoutADepthFollowsAModelBackPastItsRunToTheDataAndTheCommit() throws Exception {
        CliRun show = new CliRun(home);
        assertEquals(0, show.run("lineage", "show", "model-version:demo-mlflow:churn-classifier/4", "--upstream", "--json"),
                show.err());
        List<String> kinds = lines(show).stream().map(n -> n.get("kind").asText()).toList();
        assertTrue(kinds.contains("mlflow-run"), kinds.toString());
        assertTrue(kinds.contains("dataset-version"), "the data the run read, one hop past it: " + kinds);
        assertTrue(kinds.contains("commit"), "and the code: " + kinds);
        if (!show.err().isEmpty()) {
            assertTrue(show.err().matches("stopped at depth \\d+; (at least )?\\d+ more nodes? upstream, use --depth\\R"), show.err());
        }

        CliRun shallow = new CliRun(home);
        assertEquals(0, shallow.run("lineage", "show", "model-version:demo-mlflow:churn-classifier/4", "--upstream",
                "--depth", "1"), shallow.err());
        assertTrue(shallow.err().matches("stopped at depth 1; \\d+ more nodes upstream, use --depth\\R"), shallow.err());
    }

    @Test
    void theWholeGraphAsSvgIsRefusedWithANeighbourhoodOffered() {
        CliRun svg = new CliRun(home);
        assertEquals(2, svg.run("lineage", "export", "--format", "svg"));
        assertTrue(svg.err().contains("nodes: as one SVG its boxes would be too small to read"), svg.err());
        assertTrue(svg.err().contains("braid lineage export model-version:demo-mlflow:"), svg.err());

        CliRun dot = new CliRun(home);
        assertEquals(0, dot.run("lineage", "export", "--format", "dot"), dot.err());
        assertTrue(dot.out().startsWith("digraph"), dot.out().substring(0, Math.min(40, dot.out().length())));
    }
}
