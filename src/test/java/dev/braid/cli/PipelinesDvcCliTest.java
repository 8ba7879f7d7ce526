package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braid pipelines add dvc REPO}: an indexed repository's DVC pipeline listed like CI runs, source kind {@code dvc}. */
class PipelinesDvcCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes()));
    }

    @Test
    void addDvcListsTheCommitsThatChangedDvcLock() throws Exception {
        Path repo = home.resolve("repo");
        Files.createDirectories(repo);
        GitCli git = new GitCli(repo);
        git.run("init", "-q");
        Files.writeString(repo.resolve("train.py"), "v1\n");
        Files.writeString(repo.resolve("dvc.yaml"), "stages:\n  train:\n    cmd: python train.py\n    deps: [train.py]\n");
        Files.writeString(repo.resolve("dvc.lock"), "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    deps:\n"
                + "    - path: train.py\n      hash: md5\n      md5: " + md5("v1\n") + "\n      size: 3\n");
        String ran = git.commitAll("Train");
        Files.writeString(repo.resolve("train.py"), "v2\n");
        git.commitAll("Edit without re-running");

        CliRun addRepo = new CliRun(home);
        assertEquals(0, addRepo.run("repo", "add", repo.toString(), "--name", "ml"), addRepo.err());
        CliRun unknown = new CliRun(home);
        assertEquals(2, unknown.run("pipelines", "add", "dvc", "nope"), unknown.err());
        assertTrue(unknown.err().contains("unknown repository: nope"), unknown.err());
        CliRun add = new CliRun(home);
        assertEquals(0, add.run("pipelines", "add", "dvc", "ml"), add.err());

        CliRun list = new CliRun(home);
        assertEquals(0, list.run("pipelines", "list", "--json", "--source", "dvc:ml"), list.err());
        String[] lines = list.out().strip().split("\n");
        assertEquals(1, lines.length, list.out());
        JsonNode run = JSON.readTree(lines[0]);
        assertEquals("dvc", run.get("source_kind").asText());
        assertEquals(ran, run.get("sha").asText());
        assertEquals("success", run.get("status").asText());
        assertEquals("up to date", run.get("source_status").asText());
    }
}
