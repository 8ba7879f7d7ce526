package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeKind;
import dev.braid.security.ScanService;
import dev.braid.security.scan.Rating;
import dev.braid.testing.DvcCli;
import dev.braid.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code braid repo scan}: files tracked by real DVC in an indexed repository are read from the DVC
 * cache and scanned; a malicious pickle is dangerous, a CSV is skipped, and the data version's
 * lineage node carries the verdict.
 */
class RepoScanCommandTest {
    @TempDir
    Path dir;

    @Test
    void dvcTrackedModelFilesAreScannedFromTheCache() throws Exception {
        Path work = dir.resolve("project");
        Files.createDirectories(work.resolve("models"));
        Files.createDirectories(work.resolve("data"));
        GitCli git = new GitCli(work);
        git.run("init", "-q", "-b", "main");
        DvcCli dvc = DvcCli.in(work);
        dvc.run("init", "-q");
        // A protocol 2 pickle whose REDUCE calls posix.system: written as bytes, never loaded.
        byte[] pickle = ("\u0080\u0002cposix\nsystem\nq\u0000X\u0004\u0000\u0000\u0000trueq\u0001\u0085q\u0002Rq\u0003.")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(work.resolve("models/model.pkl"), pickle);
        Files.writeString(work.resolve("data/train.csv"), "a,b\n1,2\n");
        dvc.run("add", "models/model.pkl");
        dvc.run("add", "data/train.csv");
        git.commitAll("track the model and data with DVC");
        // The working copy changes afterwards: the scan reads what DVC recorded, from its cache.
        Files.delete(work.resolve("models/model.pkl"));

        Path data = dir.resolve("data");
        CliRun add = new CliRun(dir.resolve("home"));
        assertEquals(ExitCodes.OK, add.run("--data-dir", data.toString(), "repo", "add", work.toString(), "--name", "proj"),
                add.err());
        CliRun scan = new CliRun(dir.resolve("home"));
        assertEquals(ExitCodes.FAILED, scan.run("--data-dir", data.toString(), "repo", "scan", "proj", "--fail-on",
                "dangerous"), scan.err());
        assertTrue(scan.out().contains("dangerous   models/model.pkl  (pickle)"), scan.out());
        assertTrue(scan.out().contains("calls posix.system"), scan.out());
        assertTrue(scan.out().strip().endsWith("1 model file scanned, 1 other file skipped, 0 not available locally"),
                scan.out());
        CliRun json = new CliRun(dir.resolve("home"));
        assertEquals(ExitCodes.OK, json.run("--data-dir", data.toString(), "repo", "scan", "proj", "--json"));
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals("dangerous", doc.path("rating").asText());
        assertEquals(40, doc.path("commit").asText().length());

        try (AppContext context = AppContext.open(new DataDirectories(data, dir.resolve("config")), Clock.systemUTC())) {
            LineageNode version = context.lineage().find("model.pkl", 20).stream()
                    .filter(n -> n.id().kind().equals(NodeKind.DATASET_VERSION)).findFirst()
                    .orElseThrow(() -> new AssertionError("no DVC data version of model.pkl in lineage"));
            ScanService.NodeScan node = context.security().scans().nodeScan(version.id(), Map.of()).orElseThrow();
            assertEquals(Rating.DANGEROUS, node.rating());
        }
        CliRun unknown = new CliRun(dir.resolve("home"));
        assertEquals(ExitCodes.USAGE, unknown.run("--data-dir", data.toString(), "repo", "scan", "nope"));
    }
}
