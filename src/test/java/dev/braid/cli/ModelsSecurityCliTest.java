package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.security.SecuredMlflow;
import dev.braid.testing.SharedServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's governance paths on a real MLflow source: {@code models scan},
 * {@code models alias set} refused without an override and sent with one, {@code models alias
 * remove}, and {@code audit} showing all of it, filtered and as CSV.
 */
@ExtendWith(SharedServices.class)
class ModelsSecurityCliTest {
    @TempDir
    static Path dir;
    static SecuredMlflow mlflow;

    @BeforeAll
    static void start(SharedServices.Registry services) throws Exception {
        mlflow = SecuredMlflow.start(services, dir);
    }

    @AfterAll
    static void stop() {
        if (mlflow != null) {
            mlflow.close();
        }
    }

    private CliRun cli() {
        return new CliRun(dir.resolve("home"), java.util.Map.of("BRAID_USER", "ada"));
    }

    private String[] args(String... rest) {
        String[] out = new String[rest.length + 2];
        out[0] = "--data-dir";
        out[1] = dir.resolve("data").toString();
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }

    @Test
    void promotionIsRefusedUntilScannedAndThenOnlyWithAnOverride() throws Exception {
        String bad = mlflow.versionId("3");
        CliRun refused = cli();
        assertEquals(ExitCodes.FAILED, refused.run(args("models", "alias", "set", bad, "champion")));
        assertTrue(refused.err().contains("not scanned"), refused.err());
        assertTrue(refused.err().contains("models scan " + bad), refused.err());

        CliRun scan = cli();
        assertEquals(ExitCodes.FAILED, scan.run(args("models", "scan", bad, "--fail-on", "dangerous")), scan.err());
        assertTrue(scan.out().startsWith("dangerous   tracking:" + mlflow.model + "/3  (4 files)"), scan.out());
        assertTrue(scan.out().contains("model/model.pkl"), scan.out());
        assertTrue(scan.out().contains("calls posix.system"), scan.out());

        CliRun stillRefused = cli();
        assertEquals(ExitCodes.FAILED, stillRefused.run(args("models", "alias", "set", bad, "champion")));
        assertTrue(stillRefused.err().contains("is dangerous"), stillRefused.err());

        CliRun override = cli();
        assertEquals(ExitCodes.OK, override.run(args("models", "alias", "set", bad, "champion", "--override",
                "red-team exercise")), override.err());
        assertEquals("sent", override.out().strip());
        assertEquals("3", mlflow.serverAlias(dir, "champion"));

        CliRun remove = cli();
        assertEquals(ExitCodes.OK, remove.run(args("models", "alias", "remove", mlflow.model, "champion")), remove.err());
        assertEquals(null, mlflow.serverAlias(dir, "champion"));

        CliRun audit = cli();
        assertEquals(ExitCodes.OK, audit.run(args("audit", "--object", mlflow.model, "--json")), audit.err());
        JsonNode lines = new ObjectMapper().readTree(audit.out());
        String text = lines.toString();
        assertTrue(text.contains("\"action\":\"OVERRIDE\""), text);
        assertTrue(text.contains("red-team exercise"), text);
        assertTrue(text.contains("\"action\":\"PROMOTION_REFUSED\""), text);
        assertTrue(text.contains("\"action\":\"SET_ALIAS\""), text);
        assertTrue(text.contains("\"action\":\"DELETE_ALIAS\""), text);
        for (JsonNode line : lines) {
            if (line.path("action").asText().equals("OVERRIDE") || line.path("action").asText().equals("SET_ALIAS")) {
                assertEquals("ada", line.path("actor").asText(), line.toString());
            }
        }
        CliRun csv = cli();
        assertEquals(ExitCodes.OK, csv.run(args("audit", "--user", "ada", "--csv")));
        assertTrue(csv.out().startsWith("time,actor,kind,action,object,outcome,detail,source\r\n"), csv.out());
        assertTrue(csv.out().contains(",ada,governance,OVERRIDE,model-version:tracking:" + mlflow.model + "/3,dangerous,"),
                csv.out());
        CliRun nobody = cli();
        assertEquals(ExitCodes.OK, nobody.run(args("audit", "--user", "nobody-at-all")));
        assertTrue(nobody.err().contains("No audit lines match."), nobody.err());
    }

    @Test
    void envDiffReadsTheTrainingRunsRecordedEnvironmentBesideTheModelsOwnFiles() throws Exception {
        // Version 2's run logged a requirements.txt at its artifact root: lightgbm, which the
        // model's files leave out, and a scikit-learn pin the model's own files override.
        CliRun run = cli();
        assertEquals(ExitCodes.OK, run.run(args("env", "diff", mlflow.versionId("2"), mlflow.versionId("3"), "--json")),
                run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        List<String> sources = new ArrayList<>();
        doc.path("left").path("sources").forEach(n -> sources.add(n.asText()));
        assertTrue(sources.contains("MLmodel") && sources.contains("run requirements.txt"), sources.toString());
        Map<String, JsonNode> bySubject = new HashMap<>();
        doc.path("differences").forEach(d -> bySubject.put(d.path("subject").asText(), d));
        assertEquals("4.5.0", bySubject.get("lightgbm").path("left").asText(), doc.toString());
        assertEquals("medium", bySubject.get("lightgbm").path("severity").asText());
        assertTrue(!doc.toString().contains("0.0.1"), "the model's own scikit-learn pin wins over the run's: " + doc);

        // Version 3's run recorded nothing at its root: only the model's files.
        CliRun plain = cli();
        assertEquals(ExitCodes.OK, plain.run(args("env", "diff", mlflow.versionId("3"), mlflow.versionId("2"), "--json")));
        JsonNode left = new ObjectMapper().readTree(plain.out()).path("left");
        assertTrue(left.path("sources").toString().indexOf("run ") < 0, left.toString());
    }

    @Test
    void envDiffComparesAVersionWithAnotherAndWithAServingDockerfileInARepository() throws Exception {
        CliRun versions = cli();
        assertEquals(ExitCodes.OK, versions.run(args("env", "diff", mlflow.versionId("3"), mlflow.versionId("2"), "--json")),
                versions.err());
        JsonNode doc = new ObjectMapper().readTree(versions.out());
        assertEquals("3.9.18", doc.path("left").path("python").asText());
        JsonNode sklearn = null;
        for (JsonNode d : doc.path("differences")) {
            if (d.path("subject").asText().equals("scikit-learn")) {
                sklearn = d;
            }
        }
        assertEquals("high", sklearn.path("severity").asText(), doc.toString());
        assertEquals("1.2.2", sklearn.path("left").asText());

        Path repo = dir.resolve("serving");
        java.nio.file.Files.createDirectories(repo.resolve("deploy"));
        java.nio.file.Files.writeString(repo.resolve("deploy/Dockerfile"), "FROM python:3.9-slim\n"
                + "COPY requirements.txt .\nRUN pip install -r requirements.txt\n");
        java.nio.file.Files.writeString(repo.resolve("deploy/requirements.txt"), "scikit-learn==1.2.2\nnumpy==1.24.4\n"
                + "mlflow==2.9.2\n");
        dev.braid.testing.GitCli git = new dev.braid.testing.GitCli(repo);
        git.run("init", "-q", "-b", "main");
        git.commitAll("serving image");
        java.nio.file.Files.writeString(repo.resolve("deploy/requirements.txt"), "scikit-learn==1.5.0\n");
        CliRun add = cli();
        assertEquals(ExitCodes.OK, add.run(args("repo", "add", repo.toString(), "--name", "serving")), add.err());
        CliRun served = cli();
        assertEquals(ExitCodes.OK, served.run(args("env", "diff", mlflow.versionId("3"), "repo:serving@main:deploy/Dockerfile")),
                served.err());
        // Read at the commit, not from the edited working tree: the pinned 1.2.2 matches, cloudpickle is missing.
        assertTrue(served.out().startsWith("tracking:" + mlflow.model + "/3  vs  serving@"), served.out());
        assertTrue(!served.out().contains("1.5.0"), served.out());
        assertTrue(served.out().contains("medium    cloudpickle"), served.out());
        assertTrue(served.out().strip().endsWith("0 high, 1 medium, 0 low, 0 info"), served.out());
        CliRun bad = cli();
        assertEquals(ExitCodes.FAILED, bad.run(args("env", "diff", mlflow.versionId("3"), "repo:serving@nope:Dockerfile")));
        assertTrue(bad.err().contains("no commit, branch or tag nope"), bad.err());
    }

    @Test
    void scanningEveryVersionPrintsJsonLines() throws Exception {
        CliRun all = cli();
        assertEquals(ExitCodes.OK, all.run(args("models", "scan", "--all", "--json")), all.err());
        String[] lines = all.out().strip().split("\n");
        assertTrue(lines.length >= 3, all.out());
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertTrue(first.path("id").asText().startsWith("model-version:tracking:"), first.toString());
        assertTrue(first.path("files").size() > 0, first.toString());
        CliRun usage = cli();
        assertEquals(ExitCodes.USAGE, usage.run(args("models", "scan")));
        assertEquals(ExitCodes.USAGE, cli().run(args("models", "scan", "no-such-model/9")));
    }
}
