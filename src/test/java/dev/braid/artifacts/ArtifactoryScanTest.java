package dev.braid.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.DatasetIdentity.DatasetName;
import dev.braid.pipelines.ci.CiHttp;
import dev.braid.security.ArtifactoryScans;
import dev.braid.security.FileScan;
import dev.braid.security.ScanCache;
import dev.braid.security.ScanService;
import dev.braid.security.SecurityException;
import dev.braid.security.audit.GovernanceLog;
import dev.braid.security.scan.ModelScanner;
import dev.braid.security.scan.Rating;
import dev.braid.sync.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files in Artifactory downloaded on demand and scanned once per sha256 (ADR 25). */
class ArtifactoryScanTest {
    /** A protocol-0 pickle that calls posix.system on load (never loaded: only its bytes are read). */
    static final byte[] MALICIOUS = "cposix\nsystem\n(S'echo owned'\ntR.".getBytes(StandardCharsets.ISO_8859_1);
    /** A protocol-0 pickle of {'a': 1}. */
    static final byte[] SAFE = "(dp0\nS'a'\nI1\ns.".getBytes(StandardCharsets.ISO_8859_1);
    @TempDir
    Path tmp;
    private ArtifactoryFixture fx;
    private ArtifactoryScans scans;
    private ScanService nodeScans;
    private Source source;

    @BeforeEach
    void start() throws Exception {
        fx = new ArtifactoryFixture(tmp, 100);
        fx.api.repository("ml-models-local", "LOCAL", "MachineLearning");
        fx.api.stored("ml-models-local", "churn/model.pkl", ArtifactoryFixture.T0, MALICIOUS);
        fx.api.stored("ml-models-local", "fraud/model.pkl", ArtifactoryFixture.T0.plusSeconds(60), SAFE);
        fx.api.stored("ml-models-local", "fraud/README.md", ArtifactoryFixture.T0.plusSeconds(60),
                "# fraud".getBytes(StandardCharsets.UTF_8));
        source = fx.service.add(fx.url(), List.of(), "ART_TOKEN", null, null, "jfrog");
        fx.syncWithLineage(source);
        source = fx.sources.find(source.id()).orElseThrow();
        CiHttp.Options options = new CiHttp.Options(Duration.ofSeconds(5), 1, Duration.ofMillis(1), Duration.ofMinutes(1),
                64L * 1024 * 1024, (d, stop) -> { }, Clock.systemUTC(), dev.braid.pipelines.ci.PageGuard.MAX_PAGES);
        ScanCache cache = new ScanCache(tmp.resolve("scan-cache"), 1024 * 1024);
        GovernanceLog log = new GovernanceLog(fx.db, Clock.systemUTC(), "tester");
        scans = new ArtifactoryScans(fx.db, fx.service, new ArtifactoryDownloads(Map.of("ART_TOKEN",
                ArtifactoryFixture.TOKEN), fx.secrets, options), ModelScanner.standard(), cache, log, Clock.systemUTC(), "test");
        nodeScans = new ScanService(fx.db, null, null, ModelScanner.standard(), cache, log, Clock.systemUTC(), "test");
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private long downloads() {
        return fx.server.count(r -> r.method().equals("GET") && r.path().startsWith("/artifactory/ml-models-local/"));
    }

    private FileScan scanOf(ArtifactoryScans.Report report, String path) {
        return report.files().stream().filter(s -> s.file().path().equals(path)).findFirst().orElseThrow().scan();
    }

    @Test
    void theMaliciousPickleIsDangerousTheSafeOneSafeAndASecondScanDownloadsNothing() throws Exception {
        ArtifactoryScans.Report first = scans.scan(source, null, false);

        assertEquals(2, first.files().size(), "two model files; the README is skipped");
        assertEquals(1, first.skipped());
        assertEquals(2, first.downloaded());
        assertEquals(2, downloads());
        assertTrue(fx.server.requests().stream().filter(r -> r.path().startsWith("/artifactory/ml-models-local/"))
                .allMatch(r -> ("Bearer " + ArtifactoryFixture.TOKEN).equals(r.header("Authorization"))));
        FileScan bad = scanOf(first, "churn/model.pkl");
        assertEquals(Rating.DANGEROUS, bad.rating());
        assertTrue(bad.findings().toString().contains("posix.system"), bad.findings().toString());
        assertEquals(ArtifactoryReplay.hex("SHA-256", MALICIOUS), bad.sha256());
        assertEquals(Rating.SAFE, scanOf(first, "fraud/model.pkl").rating());
        assertEquals(Rating.DANGEROUS, first.rating());

        ArtifactoryScans.Report second = scans.scan(source, "ml-models-local", false);
        assertEquals(2, downloads(), "the sha256 Artifactory gives already has a verdict: nothing is downloaded");
        assertEquals(0, second.downloaded());
        assertEquals(Rating.DANGEROUS, scanOf(second, "churn/model.pkl").rating());

        // The verdict shows on the file and its lineage node.
        ArtifactoryFile file = fx.service.files(source).stream().filter(f -> f.path().equals("churn/model.pkl"))
                .findFirst().orElseThrow();
        assertEquals(Rating.DANGEROUS, scans.verdict(file).orElseThrow().rating());
        String host = fx.url().replace("http://", "");
        var node = new DatasetName("artifactory://" + host + "/ml-models-local", "churn/model.pkl")
                .versionId(ArtifactoryReplay.hex("SHA-256", MALICIOUS));
        assertEquals(Rating.DANGEROUS, nodeScans.nodeScan(node, Map.of()).orElseThrow().rating());
        var readme = fx.service.files(source).stream().filter(f -> f.path().equals("fraud/README.md")).findFirst()
                .orElseThrow();
        assertTrue(scans.verdict(readme).isEmpty());
    }

    @Test
    void aFailedDownloadIsAClearErrorAndStoresNoVerdict() {
        fx.api.failing.put("ml-models-local/churn/model.pkl", 500);

        SecurityException e = assertThrows(SecurityException.class, () -> scans.scan(source, null, false));

        assertTrue(e.getMessage().contains("cannot download ml-models-local/churn/model.pkl"), e.getMessage());
        assertTrue(e.getMessage().contains("500"), e.getMessage());
        assertFalse(e.getMessage().contains(ArtifactoryFixture.TOKEN), e.getMessage());
        ArtifactoryFile file = fx.service.files(source).stream().filter(f -> f.path().equals("churn/model.pkl"))
                .findFirst().orElseThrow();
        assertTrue(scans.verdict(file).isEmpty());
    }
}
