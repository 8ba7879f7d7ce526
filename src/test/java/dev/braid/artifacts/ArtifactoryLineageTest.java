package dev.braid.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.DatasetIdentity.DatasetName;
import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.LineageEdge;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.sync.Source;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an Artifactory source adds to the lineage graph (ADR 25), on a real cache. */
class ArtifactoryLineageTest {
    private static final String SHA_1 = "1111111111111111111111111111111111111111";
    @TempDir
    Path tmp;
    private ArtifactoryFixture fx;
    private Source source;

    @BeforeEach
    void start() throws Exception {
        fx = new ArtifactoryFixture(tmp, 1000);
        fx.project();
        source = fx.service.add(fx.url(), List.of("ml-models-local", "datasets-local"), "ART_TOKEN", null, null, "jfrog");
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String host() {
        return fx.url().replace("http://", "");
    }

    private NodeId fileVersion(String repo, String path, String seed) {
        return new DatasetName("artifactory://" + host() + "/" + repo, path).versionId(ArtifactoryFixture.sha(seed));
    }

    private List<LineageEdge> edges(NodeId node) {
        return fx.lineage.neighbourhood(node, 1, 1, null).edges();
    }

    @Test
    void anArtifactLeadsBackThroughItsBuildToTheCommitItWasBuiltFrom() throws Exception {
        fx.syncWithLineage(source);

        NodeId commit = LineageIds.commitForKey("github.com/acme/fraud", SHA_1);
        NodeId build = LineageService.artifactoryBuild("jfrog", "train-fraud", "1");
        NodeId model = fileVersion("ml-models-local", "fraud/1/model.onnx", "model-1");
        assertEquals(List.of(List.of(commit, build, model)), fx.lineage.paths(commit, model, 5, null));
        assertTrue(edges(build).contains(new LineageEdge(commit, build, EdgeKind.BUILT_FROM, "artifactory:jfrog",
                Instant.parse("2026-11-01T09:00:00Z"))));
        assertTrue(edges(build).stream().anyMatch(e -> e.from().equals(build) && e.to().equals(model)
                && e.kind().equals(EdgeKind.OUTPUT)));
        LineageNode buildNode = fx.lineage.node(build).orElseThrow();
        assertEquals("train-fraud #1", buildNode.name());
        assertEquals("https://github.com/acme/fraud/actions/runs/1", buildNode.properties().get("ciUrl"));

        // The dependency the build used is the dataset file Artifactory holds, by checksum.
        NodeId data = fileVersion("datasets-local", "fraud/train.csv", "train");
        assertTrue(edges(build).stream().anyMatch(e -> e.from().equals(data) && e.to().equals(build)
                && e.kind().equals(EdgeKind.INPUT)));
        // One no followed repository holds is a version of its module.
        NodeId numpy = new DatasetName("artifactory-build://" + host(), "train-fraud-module/numpy-2.1.0.whl")
                .versionId(ArtifactoryFixture.sha("numpy"));
        assertTrue(fx.lineage.exists(numpy));
        assertTrue(edges(LineageService.artifactoryBuild("jfrog", "train-fraud", "2")).stream()
                .anyMatch(e -> e.from().equals(numpy) && e.kind().equals(EdgeKind.INPUT)));
    }

    @Test
    void aFileNodeShowsWhereItSitsAndItsPromotionState() throws Exception {
        fx.syncWithLineage(source);

        LineageNode model = fx.lineage.node(fileVersion("ml-models-local", "fraud/2/model.onnx", "model-2")).orElseThrow();
        assertEquals("production", model.properties().get("property.stage"));
        assertEquals("ml-models-local", model.properties().get("repositories"));
        assertEquals("ml-models-local/fraud/2/model.onnx", model.properties().get("locations"));
        assertEquals(ArtifactoryFixture.md5("model-2"), model.properties().get("md5"));
        NodeId dataset = new DatasetName("artifactory://" + host() + "/ml-models-local", "fraud/2/model.onnx").nodeId();
        assertEquals("MachineLearning", fx.lineage.node(dataset).orElseThrow().properties().get("packageType"));
    }

    @Test
    void theSameBytesInTwoRepositoriesAreOneVersion() throws Exception {
        fx.api.repository("ml-models-prod", "LOCAL", "MachineLearning");
        fx.api.file("ml-models-prod", "fraud/model.onnx", 5100, ArtifactoryFixture.T0.plusSeconds(999),
                ArtifactoryFixture.sha("model-2"), ArtifactoryFixture.sha1("model-2"), ArtifactoryFixture.md5("model-2"))
                .property("stage", "released");
        Source both = fx.service.add(fx.url(), List.of("ml-models-local", "ml-models-prod"), "ART_TOKEN", null, null, "both");

        fx.syncWithLineage(both);

        NodeId version = fileVersion("ml-models-local", "fraud/2/model.onnx", "model-2");
        LineageNode node = fx.lineage.node(version).orElseThrow();
        assertEquals("ml-models-local/fraud/2/model.onnx, ml-models-prod/fraud/model.onnx", node.properties().get("locations"));
        assertEquals("production; released", node.properties().get("property.stage"));
        NodeId prodPath = new DatasetName("artifactory://" + host() + "/ml-models-prod", "fraud/model.onnx").nodeId();
        assertTrue(edges(version).stream().anyMatch(e -> e.from().equals(prodPath) && e.kind().equals(EdgeKind.VERSION)));
        assertFalse(fx.lineage.exists(fileVersion("ml-models-prod", "fraud/model.onnx", "model-2")));
    }

    @Test
    void aFileWhoseMd5ADvcOutputRecordedIsThatNodeWhicheverCameFirst() throws Exception {
        NodeId dvc = new DatasetName("github.com/acme/fraud", "data/train.csv").versionId(ArtifactoryFixture.md5("train"));
        NodeId dvcDataset = new DatasetName("github.com/acme/fraud", "data/train.csv").nodeId();

        // Artifactory first: its own node for the file.
        fx.syncWithLineage(source);
        NodeId own = fileVersion("datasets-local", "fraud/train.csv", "train");
        assertTrue(fx.lineage.exists(own));

        // DVC names the same bytes (by md5); the next derivation joins them on DVC's node.
        fx.lineage.apply(GraphChanges.builder().node(dvcDataset, "data/train.csv")
                .node(dvc, "data/train.csv@" + ArtifactoryFixture.md5("train").substring(0, 8))
                .edge(dvcDataset, dvc, EdgeKind.VERSION, "dvc:fraud", Instant.parse("2026-10-01T00:00:00Z")).build());
        fx.lineage.rebuildArtifactory(fx.sources.find(source.id()).orElseThrow());

        NodeId build = LineageService.artifactoryBuild("jfrog", "train-fraud", "1");
        NodeId artifactoryPath = new DatasetName("artifactory://" + host() + "/datasets-local", "fraud/train.csv").nodeId();
        List<LineageEdge> around = edges(dvc);
        assertTrue(around.stream().anyMatch(e -> e.from().equals(dvc) && e.to().equals(build) && e.kind().equals(EdgeKind.INPUT)),
                "the build's dependency is DVC's version: " + around);
        assertTrue(around.stream().anyMatch(e -> e.from().equals(artifactoryPath) && e.kind().equals(EdgeKind.VERSION)));
        assertTrue(around.stream().anyMatch(e -> e.from().equals(dvcDataset)), "DVC's own edge is kept");
        assertEquals("datasets-local/fraud/train.csv", fx.lineage.node(dvc).orElseThrow().properties().get("locations"));
        assertTrue(edges(own).isEmpty(), "the node Artifactory used before asserts nothing any more");
        // From the DVC dataset, down to the model the build produced from it.
        NodeId model = fileVersion("ml-models-local", "fraud/1/model.onnx", "model-1");
        assertEquals(List.of(List.of(dvc, build, model)), fx.lineage.paths(dvc, model, 5, null));
    }

    @Test
    void anMlflowRunWhoseArtifactBraidHashedLoggedTheSameFile() throws Exception {
        Source mlflow = fx.db.write(c -> fx.sources.insert(c, "mlflow", "tracking", Map.of("uri", "http://127.0.0.1:1")));
        fx.db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO scan_targets(kind, source_id, owner, path, version,"
                    + " size, sha256, seen_at) VALUES ('mlflow', ?, 'run:abc123', 'model/model.onnx', NULL, 5100, ?, 0)")) {
                st.setLong(1, mlflow.id());
                st.setString(2, ArtifactoryFixture.sha("model-2"));
                st.executeUpdate();
            }
            return null;
        });

        fx.syncWithLineage(source);

        NodeId run = LineageIds.mlflowRun("tracking", "abc123");
        NodeId model = fileVersion("ml-models-local", "fraud/2/model.onnx", "model-2");
        assertTrue(edges(model).stream().anyMatch(e -> e.from().equals(run) && e.kind().equals(EdgeKind.LOGGED)));
    }
}
