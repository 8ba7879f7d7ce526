package dev.braid.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.ArtifactEntry;
import dev.braid.experiments.ArtifactScans;
import dev.braid.experiments.OutboxEntry;
import dev.braid.experiments.OutboxState;
import dev.braid.security.scan.Rating;
import dev.braid.testing.SharedServices;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models logged by the real MLflow client (a scikit-learn model, and a malicious pickle logged as
 * an artifact) are scanned from a synced source, results are kept per content hash, and promoting
 * the malicious one is refused without an override, which the governance log records.
 */
@ExtendWith(SharedServices.class)
class MlflowModelScanTest {
    @TempDir
    static Path dir;
    static SecuredMlflow mlflow;
    static SecurityServices security;

    @BeforeAll
    static void start(SharedServices.Registry services) throws Exception {
        mlflow = SecuredMlflow.start(services, dir);
        security = mlflow.context.security();
    }

    @AfterAll
    static void stop() {
        if (mlflow != null) {
            mlflow.close();
        }
    }

    @Test
    void aMaliciousPickleIsDangerousAndCannotBePromotedWithoutAnOverride() throws Exception {
        VersionRef bad = security.versions().resolve(mlflow.versionId("3")).ref();
        assertEquals(ScanState.NOT_SCANNED, security.promotion().check(bad));
        PromotionRefused unscanned = assertThrows(PromotionRefused.class,
                () -> security.promotion().setAlias(bad, "champion", null));
        assertEquals(ScanState.NOT_SCANNED, unscanned.state());

        VersionScan scan = security.scans().scanVersion(bad, false);
        assertEquals(Rating.DANGEROUS, scan.rating());
        FileScan pickle = scan.files().stream().filter(f -> f.path().endsWith("model/model.pkl")).findFirst().orElseThrow();
        assertEquals(Rating.DANGEROUS, pickle.rating());
        assertTrue(pickle.findings().get(0).message().contains("posix.system"), pickle.findings().toString());
        assertEquals(64, pickle.sha256().length());

        PromotionRefused refused = assertThrows(PromotionRefused.class,
                () -> security.promotion().setAlias(bad, "champion", " "));
        assertEquals(ScanState.DANGEROUS, refused.state());
        assertNull(mlflow.serverAlias(dir, "champion"), "nothing reached the server");

        OutboxEntry entry = security.promotion().setAlias(bad, "champion", "incident drill, approved by security");
        mlflow.context.runEdits().sendPending(mlflow.source.id());
        assertEquals(OutboxState.SENT, mlflow.context.runEdits().entry(entry.id()).orElseThrow().state());
        assertEquals("3", mlflow.serverAlias(dir, "champion"));

        List<String> log = governance();
        String node = bad.nodeId().value();
        assertTrue(log.contains("PROMOTION_REFUSED " + node + " not scanned alias champion"), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("SCAN " + node + " dangerous 4 files")), log.toString());
        assertTrue(log.contains("PROMOTION_REFUSED " + node + " dangerous alias champion"), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("OVERRIDE " + node + " dangerous alias champion: incident drill")),
                log.toString());
    }

    @Test
    void aScikitLearnModelIsSafeAndPromotedWithoutOverride() throws Exception {
        for (String version : List.of("1", "2")) {
            VersionRef ref = security.versions().resolve(mlflow.versionId(version)).ref();
            VersionScan scan = security.scans().scanVersion(ref, false);
            assertEquals(Rating.SAFE, scan.rating(), version + ": " + scan.files());
            assertTrue(scan.files().stream().anyMatch(f -> f.path().endsWith("MLmodel")), scan.files().toString());
            assertEquals(ScanState.SAFE, security.promotion().check(ref));
        }
        VersionRef pickled = security.versions().resolve(mlflow.versionId("2")).ref();
        FileScan model = security.scans().lastScan(pickled, true).orElseThrow().files().stream()
                .filter(f -> f.path().endsWith("model.pkl")).findFirst().orElseThrow();
        assertTrue(model.imports().stream().anyMatch(i -> i.qualified().contains("LogisticRegression")), model.imports().toString());
        OutboxEntry entry = security.promotion().setAlias(pickled, "challenger", null);
        mlflow.context.runEdits().sendPending(mlflow.source.id());
        assertEquals(OutboxState.SENT, mlflow.context.runEdits().entry(entry.id()).orElseThrow().state());
        assertEquals("2", mlflow.serverAlias(dir, "challenger"));
    }

    @Test
    void resultsAreKeptPerContentHashAndFilesAreNotFetchedTwice() throws Exception {
        VersionRef ref = security.versions().resolve(mlflow.versionId("1")).ref();
        security.scans().scanVersion(ref, false);
        VersionScan again = security.scans().scanVersion(ref, false);
        assertEquals(Rating.SAFE, again.rating());
        List<String> log = governance();
        assertTrue(log.get(log.size() - 1).contains("(0 fetched)"), log.toString());
        VersionScan stored = security.scans().lastScan(ref, true).orElseThrow();
        assertTrue(stored.current());
        assertEquals(again.fileCount(), stored.files().size());
        FileScan any = stored.files().get(0);
        assertEquals(any.rating(), security.scans().byHash(any.sha256()).orElseThrow().rating());
        String badRun = mlflow.seeded.path("runs").path("malicious").asText();
        security.scans().scanVersion(security.versions().resolve(mlflow.versionId("3")).ref(), false);
        Map<String, FileScan> artifacts = security.scans().runFileScans(mlflow.source.id(), badRun);
        assertEquals(Rating.DANGEROUS, artifacts.get("model/model.pkl").rating());
        assertEquals(Rating.SAFE, artifacts.get("model/requirements.txt").rating());
    }

    @Test
    void theBillOfMaterialsIsValidCycloneDx16AndFollowsLineage() throws Exception {
        VersionRef ref = security.versions().resolve(mlflow.versionId("1")).ref();
        security.scans().scanVersion(ref, false);
        dev.braid.lineage.Subgraph upstream = mlflow.context.lineage().neighbourhood(ref.nodeId(), 10, 0, null);
        dev.braid.lineage.NodeId dataset = upstream.nodes().stream().map(dev.braid.lineage.LineageNode::id)
                .filter(id -> id.kind().equals(dev.braid.lineage.NodeKind.DATASET_VERSION)).findFirst()
                .orElseThrow(() -> new AssertionError("no dataset version upstream of " + ref.nodeId() + ": " + upstream.nodes()));
        mlflow.context.lineage().label(dataset, "PII");

        Path file = dir.resolve("bom/model.cdx.json");
        security.boms().write(ref, file);
        String json = java.nio.file.Files.readString(file);
        assertEquals(List.of(), SchemaCheck.cyclonedx16(json));
        com.fasterxml.jackson.databind.JsonNode bom = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertEquals("1.6", bom.path("specVersion").asText());
        com.fasterxml.jackson.databind.JsonNode model = bom.path("metadata").path("component");
        assertEquals("machine-learning-model", model.path("type").asText());
        assertEquals(ref.nodeId().value(), model.path("bom-ref").asText());
        assertTrue(model.path("purl").asText().startsWith("pkg:mlflow/" + mlflow.model + "@1?repository_url="), model.toString());
        assertTrue(model.path("modelCard").path("quantitativeAnalysis").toString().contains("\"accuracy\""), model.toString());
        assertTrue(model.path("modelCard").path("modelParameters").path("modelArchitecture").asText().contains("LogisticRegression"),
                model.toString());
        assertTrue(model.path("properties").toString().contains("\"braid:scan:rating\",\"value\":\"safe\""), model.toString());
        assertTrue(model.path("properties").toString().contains("\"braid:label\",\"value\":\"PII\""), model.toString());
        assertTrue(model.path("components").get(0).path("hashes").get(0).path("content").asText().length() == 64);
        String components = bom.path("components").toString();
        assertTrue(components.contains("\"pkg:pypi/scikit-learn@"), components);
        assertTrue(components.contains("\"type\":\"data\""), components);
        assertTrue(components.contains("\"sensitiveData\":[\"PII\"]"), components);
        String dependencies = bom.path("dependencies").toString();
        assertTrue(dependencies.contains(dataset.value()), dependencies);
        com.fasterxml.jackson.databind.JsonNode first = bom.path("dependencies").get(0);
        assertEquals(ref.nodeId().value(), first.path("ref").asText());
        assertTrue(first.path("dependsOn").toString().contains(dataset.value()), first.toString());
        assertTrue(governance().stream().anyMatch(l -> l.startsWith("BOM_EXPORTED " + ref.nodeId().value())));
        assertTrue(governance().stream().anyMatch(l -> l.startsWith("LABEL_ADDED " + dataset.value() + " PII")));
        // The malicious version's BOM carries its verdict and the finding on the file.
        VersionRef badRef = security.versions().resolve(mlflow.versionId("3")).ref();
        security.scans().scanVersion(badRef, false);
        String bad = security.boms().json(badRef);
        assertEquals(List.of(), SchemaCheck.cyclonedx16(bad));
        assertTrue(bad.contains("posix.system"), bad);
    }

    @Test
    void runArtifactsShowTheVerdictOfTheirContentAndAFileOfTheTreeCanBeScannedOnItsOwn() throws Exception {
        ArtifactVerdicts verdicts = security.artifactVerdicts();

        // The malicious run's model folder, scanned through its model version: the artifact tree
        // shows the verdict on the file itself.
        long malicious = runPk(mlflow.seeded.path("runs").path("malicious").asText());
        security.scans().scanVersion(security.versions().resolve(mlflow.versionId("3")).ref(), false);
        ArtifactScans.Verdict pickle = verdicts.known(malicious, "model/model.pkl").orElseThrow();
        assertEquals("dangerous", pickle.rating());
        assertTrue(pickle.summary().contains("posix.system"), pickle.summary());
        assertEquals("safe", verdicts.known(malicious, "model/requirements.txt").orElseThrow().rating());

        // A file no model version holds (the pickle run's own requirements.txt) has no verdict
        // until it is scanned from the tree; then it keeps it.
        long pickleRun = runPk(mlflow.seeded.path("runs").path("pickle").asText());
        assertTrue(verdicts.known(pickleRun, "requirements.txt").isEmpty());
        ArtifactScans.Verdict scanned = verdicts.scan(pickleRun, new ArtifactEntry("requirements.txt", false, null));
        assertEquals("safe", scanned.rating());
        assertEquals(scanned, verdicts.known(pickleRun, "requirements.txt").orElseThrow());
        assertTrue(verdicts.known(pickleRun, "no/such/file.pkl").isEmpty());
    }

    private static long runPk(String runId) {
        return mlflow.context.database().read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT run_pk FROM runs WHERE source_id = ? AND run_id = ?")) {
                st.setLong(1, mlflow.source.id());
                st.setString(2, runId);
                try (ResultSet rs = st.executeQuery()) {
                    assertTrue(rs.next(), "run " + runId + " is cached");
                    return rs.getLong(1);
                }
            }
        });
    }

    private static List<String> governance() {
        return mlflow.context.database().read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT action, object, outcome, detail, actor FROM governance_log"
                    + " ORDER BY id"); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    // Label lines come from a trigger, which cannot know who made the change.
                    boolean label = rs.getString(1).startsWith("LABEL_");
                    assertTrue(label || (rs.getString(5) != null && !rs.getString(5).isEmpty()),
                            "every line Braid writes names its actor");
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
            return out;
        });
    }
}
