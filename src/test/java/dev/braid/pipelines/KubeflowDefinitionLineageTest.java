package dev.braid.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.lineage.LineageIds;
import dev.braid.pipelines.definitions.DefinitionYaml;
import dev.braid.pipelines.definitions.KubeflowSpecDigest;
import dev.braid.pipelines.replay.KubeflowReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncRun;
import dev.braid.testing.GitCli;
import dev.braid.testing.PythonEnv;
import dev.braid.testing.TestContexts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kubeflow pipeline definition in lineage (ADR 28): two versions of a pipeline compiled by the
 * real {@code kfp} SDK are committed to a repository; each version's node hangs under the commit
 * that introduced it, and a run from the replayed KFP API server whose pipeline spec (its own, or
 * its pipeline version's, wrapped with a platform spec and with numbers as the server's protobuf
 * {@code Struct} writes them) is that version's points to it, whichever of the two sources synced
 * first.
 */
class KubeflowDefinitionLineageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path compiled;
    @TempDir
    Path tmp;
    private AppContext app;
    private ReplayServer server;
    private KubeflowReplay kubeflow;
    private GitCli git;
    private String introducedV1;
    private String untouched;
    private String introducedV2;
    private String reformatted;

    @BeforeAll
    static void compileWithKfp() throws Exception {
        PythonEnv kfp = PythonEnv.named("kfp").ensure();
        Path script = Path.of("src/test/resources/dev/braid/pipelines/definitions/compile_kfp_versions.py").toAbsolutePath();
        Process process = new ProcessBuilder(kfp.python().toString(), script.toString(), compiled.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "kfp compiled in time");
        assertEquals(0, process.exitValue(), output);
    }

    @BeforeEach
    void start() throws Exception {
        app = AppContext.open(new DataDirectories(tmp.resolve("data"), tmp.resolve("config")), Clock.systemUTC());
        git = new GitCli(Files.createDirectories(tmp.resolve("work")));
        git.run("init", "-q", "-b", "main");
        Path file = Files.createDirectories(git.dir().resolve("pipelines")).resolve("training.yaml");
        Files.writeString(git.dir().resolve("README.md"), "churn\n");
        Files.copy(compiled.resolve("v1.yaml"), file);
        introducedV1 = git.commitAll("training pipeline");
        Files.writeString(git.dir().resolve("README.md"), "churn model\n");
        untouched = git.commitAll("readme");
        Files.copy(compiled.resolve("v2.yaml"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        introducedV2 = git.commitAll("retry training");
        // The same spec written again with a comment and another layout is not a new version.
        Files.writeString(file, "# recompiled\n" + Files.readString(file).replace("\n\n", "\n"));
        reformatted = git.commitAll("recompile");

        kubeflow = new KubeflowReplay(4, 3, null);
        kubeflow.runSpec(0, asTheServerStoresIt(compiled.resolve("v1.yaml")));
        ObjectNode wrapped = JSON.createObjectNode();
        wrapped.set("pipeline_spec", asTheServerStoresIt(compiled.resolve("v2.yaml")));
        wrapped.putObject("platform_spec").putObject("platforms");
        kubeflow.versionSpec(wrapped);
        server = ReplayServer.start(kubeflow);
    }

    @AfterEach
    void stop() {
        server.close();
        app.close();
    }

    @Test
    void eachVersionHangsUnderItsCommitAndTheRunsThatRanItPointToIt() throws Exception {
        Source kfp = app.pipelines().addKubeflow(server.url(), null, "kfp");
        sync(kfp); // before the repository: its runs are linked when the repository's definitions arrive
        Source repo = app.repositories().add(git.dir().toString(), "churn", TestContexts.quiet());
        sync(repo);

        String key = LineageIds.repoKey(git.dir().toString());
        String v1 = KubeflowDefinitionLineage.version(key, "pipelines/training.yaml", digest("v1.yaml")).value();
        String v2 = KubeflowDefinitionLineage.version(key, "pipelines/training.yaml", digest("v2.yaml")).value();
        assertEquals(List.of(LineageIds.commitForKey(key, introducedV1).value()), from(v1, "defines"));
        assertEquals(List.of(LineageIds.commitForKey(key, introducedV2).value()), from(v2, "defines"),
                "the reformatted commit " + reformatted + " introduced nothing new");
        assertEquals(List.of(), to(LineageIds.commitForKey(key, untouched).value(), "defines"));
        assertEquals("churn-training (pipelines/training.yaml)", name(v1));

        List<JsonNode> runs = new ArrayList<>(kubeflow.runs());
        assertEquals(List.of(run(runs, 0)), to(v1, "run-of"), "the run that carried v1 as its own spec");
        assertEquals(List.of(run(runs, 1), run(runs, 3)), to(v2, "run-of"), "the runs of the pipeline version holding v2");
        assertEquals(List.of(), from(run(runs, 2), "run-of"), "a spec no repository holds links to nothing");

        // Synced again in the other order, the same edges.
        sync(repo);
        sync(kfp);
        assertEquals(List.of(run(runs, 1), run(runs, 3)), to(v2, "run-of"));
        assertEquals(List.of(LineageIds.commitForKey(key, introducedV1).value()), from(v1, "defines"));
    }

    @Test
    void theDigestIsTheSameForTheCompiledYamlAndTheServersJson() throws Exception {
        assertEquals(digest("v1.yaml"), KubeflowSpecDigest.of(asTheServerStoresIt(compiled.resolve("v1.yaml"))));
        assertTrue(!digest("v1.yaml").equals(digest("v2.yaml")));
    }

    private static String digest(String file) throws Exception {
        return KubeflowSpecDigest.of(DefinitionYaml.loadAll(file, Files.readString(compiled.resolve(file))).get(0));
    }

    /** The YAML's spec as the API server answers with it: JSON whose every number is a double, keys in another order. */
    private static ObjectNode asTheServerStoresIt(Path yaml) throws Exception {
        Object document = DefinitionYaml.loadAll(yaml.toString(), Files.readString(yaml)).get(0);
        return (ObjectNode) struct(JSON.valueToTree(document));
    }

    private static JsonNode struct(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.reverse(names);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                out.set(name, struct(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                out.add(struct(it.next()));
            }
            return out;
        }
        return node.isNumber() ? JsonNodeFactory.instance.numberNode(node.asDouble()) : node;
    }

    private static String run(List<JsonNode> runs, int index) {
        return PipelineLineage.run("kfp", runs.get(index).get("run_id").asText()).value();
    }

    private void sync(Source source) throws Exception {
        SyncRun run = app.syncEngine().start(app.sources().find(source.id()).orElseThrow(), SyncListener.NONE)
                .result().get(120, TimeUnit.SECONDS);
        assertTrue(run.error() == null || run.error().isEmpty(), String.valueOf(run));
    }

    private String name(String node) {
        return query("SELECT name FROM lineage_nodes WHERE id = ?", node).get(0);
    }

    private List<String> from(String to, String kind) {
        return query("SELECT from_id FROM lineage_edges WHERE to_id = ? AND kind = '" + kind + "' ORDER BY from_id", to);
    }

    private List<String> to(String from, String kind) {
        return query("SELECT to_id FROM lineage_edges WHERE from_id = ? AND kind = '" + kind + "' ORDER BY to_id", from);
    }

    private List<String> query(String sql, String arg) {
        return app.database().read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, arg);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }
}
