package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.security.SchemaCheck;
import dev.braid.security.scan.ScanCorpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braid scan}: formats, the --fail-on threshold and exit codes, on the generated corpus. */
class ScanCommandTest {
    @TempDir
    static Path corpus;
    @TempDir
    Path home;

    @BeforeAll
    static void writeCorpus() throws Exception {
        ScanCorpus.base(corpus);
    }

    @Test
    void sarifOutputIsValidSarif210WithOneResultPerFinding() throws Exception {
        CliRun cli = new CliRun(home);
        assertEquals(ExitCodes.OK, cli.run("scan", corpus.toString(), "--format", "sarif"), cli.err());
        assertEquals(List.of(), SchemaCheck.sarif(cli.out()));
        // The check itself can fail: a wrong version and a result without a message are caught.
        assertTrue(!SchemaCheck.sarif(cli.out().replace("\"2.1.0\"", "\"2.0\"")).isEmpty());
        assertTrue(!SchemaCheck.sarif(cli.out().replace("\"message\"", "\"note\"")).isEmpty());
        JsonNode sarif = new ObjectMapper().readTree(cli.out());
        JsonNode run = sarif.path("runs").get(0);
        assertEquals("2.1.0", sarif.path("version").asText());
        assertEquals("braid", run.path("tool").path("driver").path("name").asText());
        assertTrue(run.path("results").size() > 60, "results: " + run.path("results").size());
        JsonNode first = findResult(run, "os_system_p2.pkl");
        assertEquals("error", first.path("level").asText());
        assertEquals("braid/import/dangerous", first.path("ruleId").asText());
        assertTrue(first.path("message").path("text").asText().contains("posix.system"));
        int artifact = first.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("index").asInt();
        assertEquals(64, run.path("artifacts").get(artifact).path("hashes").path("sha-256").asText().length());
        JsonNode member = findResult(run, "torch_archive.pt");
        assertTrue(member.path("locations").get(0).path("logicalLocations").get(0).path("fullyQualifiedName").asText()
                .endsWith("data.pkl"));
    }

    @Test
    void jsonOutputListsEveryFileWithItsImportsAndASummary() throws Exception {
        CliRun cli = new CliRun(home);
        assertEquals(ExitCodes.OK, cli.run("scan", corpus.resolve("benign").toString(), "--format", "json"), cli.err());
        JsonNode doc = new ObjectMapper().readTree(cli.out());
        assertEquals("safe", doc.path("summary").path("rating").asText());
        assertEquals(doc.path("files").size(), doc.path("summary").path("safe").asInt());
        JsonNode torch = null;
        for (JsonNode file : doc.path("files")) {
            if (file.path("path").asText().endsWith("torch_archive.pt")) {
                torch = file;
            }
        }
        assertEquals("pytorch-zip", torch.path("format").asText());
        assertTrue(torch.path("imports").toString().contains("_rebuild_tensor_v2"));
    }

    @Test
    void failOnSetsTheExitCodeAtTheThreshold() {
        String malicious = corpus.resolve("malicious").toString();
        assertEquals(ExitCodes.FAILED, new CliRun(home).run("scan", malicious, "--fail-on", "dangerous"));
        assertEquals(ExitCodes.OK, new CliRun(home).run("scan", corpus.resolve("benign").toString(), "--fail-on",
                "suspicious"));
        String ext = corpus.resolve("malicious/ext1.pkl").toString();
        assertEquals(ExitCodes.OK, new CliRun(home).run("scan", ext, "--fail-on", "dangerous"));
        assertEquals(ExitCodes.FAILED, new CliRun(home).run("scan", ext, "--fail-on", "suspicious"));
        String unknown = corpus.resolve("unknown/main_class.pkl").toString();
        assertEquals(ExitCodes.OK, new CliRun(home).run("scan", unknown, "--fail-on", "suspicious"));
        assertEquals(ExitCodes.FAILED, new CliRun(home).run("scan", unknown, "--fail-on", "unknown"));
    }

    @Test
    void textOutputNamesEachFileItsRatingAndWhy() {
        CliRun cli = new CliRun(home);
        cli.run("scan", corpus.resolve("malicious/os_system_p2.pkl").toString(), corpus.resolve("benign/floats.npy").toString());
        assertTrue(cli.out().contains("dangerous   " + corpus.resolve("malicious/os_system_p2.pkl")), cli.out());
        assertTrue(cli.out().contains("calls posix.system"), cli.out());
        assertTrue(cli.out().contains("safe        " + corpus.resolve("benign/floats.npy") + "  (NumPy .npy)"), cli.out());
        assertTrue(cli.out().strip().endsWith("2 files: 1 dangerous, 0 suspicious, 0 unknown, 1 safe"), cli.out());
    }

    @Test
    void badUsageIsExitCodeTwo() {
        CliRun missing = new CliRun(home);
        assertEquals(ExitCodes.USAGE, missing.run("scan", home.resolve("nope.pkl").toString()));
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        assertEquals(ExitCodes.USAGE, new CliRun(home).run("scan", corpus.toString(), "--format", "xml"));
        assertEquals(ExitCodes.USAGE, new CliRun(home).run("scan", corpus.toString(), "--fail-on", "safe"));
        assertEquals(ExitCodes.USAGE, new CliRun(home).run("scan"));
    }

    private static JsonNode findResult(JsonNode run, String fileSuffix) {
        for (JsonNode result : run.path("results")) {
            int index = result.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("index").asInt();
            if (run.path("artifacts").get(index).path("location").path("uri").asText().endsWith(fileSuffix)) {
                return result;
            }
        }
        throw new AssertionError("no result for " + fileSuffix);
    }

}
