package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.testing.GitCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `repo add`, `sync` and `status` say when a sync went past problems: an unreachable remote, a broken DVC file. */
class SyncWarningsCliTest {
    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void aRepositoryWhoseRemoteCannotBeReachedIsAddedFromItsLocalCopy() throws Exception {
        GitCli git = new GitCli(home.resolve("offline"));
        Files.createDirectories(git.dir());
        git.run("init", "-q");
        git.run("remote", "add", "origin", "http://127.0.0.1:9/team/offline.git");
        Files.writeString(git.dir().resolve("README.md"), "on a train\n");
        git.commitAll("First");

        CliRun add = new CliRun(home);
        assertEquals(0, add.run("repo", "add", git.dir().toString(), "--name", "offline"), add.err());
        assertTrue(add.out().matches("(?s)offline: stale: 1 added, \\d+ changed, 0 removed from the local copy; The remote origin"
                + " could not be reached: .*\\. Indexed the local history; the next sync fetches again\\.\n"), add.out());

        CliRun sync = new CliRun(home);
        assertEquals(0, sync.run("sync", "offline"), "a stale sync is not a failed one: " + sync.err());
        CliRun status = new CliRun(home);
        assertEquals(0, status.run("status", "--json"));
        JsonNode source = new ObjectMapper().readTree(status.out()).get(0);
        assertEquals("STALE", source.get("outcome").asText());
        assertTrue(source.get("warnings").get(0).asText().contains("could not be reached"), status.out());
    }

    @Test
    void aDvcFileThatCannotBeReadIsAWarningThatVerbosePrints() throws Exception {
        GitCli git = new GitCli(home.resolve("broken"));
        Files.createDirectories(git.dir().resolve(".dvc"));
        git.run("init", "-q");
        Files.writeString(git.dir().resolve(".dvc/config"), "");
        Files.writeString(git.dir().resolve("dvc.lock"), "schema: '2.0'\nstages: [not closed\n");
        Files.writeString(git.dir().resolve("good.csv.dvc"), "outs:\n- md5: 0cc175b9c0f1b6a831c399e269772661\n  path: good.csv\n");
        git.commitAll("Half broken");

        CliRun add = new CliRun(home);
        assertEquals(0, add.run("repo", "add", git.dir().toString(), "--name", "broken"), add.err());
        assertTrue(add.out().matches("broken: succeeded: 1 added, \\d+ changed, 0 removed \\(1 warning: braid -v prints them,"
                + " the sync log keeps them\\)\n"), add.out());

        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CliRun verbose = new CliRun(home);
            assertEquals(0, verbose.run("-v", "sync", "broken"), verbose.err());
        } finally {
            System.setErr(stderr);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("broken: DVC file not read: dvc.lock: not valid YAML"), printed);
    }
}
