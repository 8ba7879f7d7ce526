package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.braid.testing.MlflowHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run names and the error messages of remote services are data too: a run named with terminal
 * escape sequences by the real MLflow client, and a real server on 127.0.0.1 whose error message
 * carries them, print as visible escapes in text output (stdout and stderr), and exactly in JSON.
 */
class HostileRemoteTextCliTest {
    private static final String RUN_NAME = "train\u001b]0;owned\u0007\u001b[2Jdone\rOK\u009b31m";
    private static final String VISIBLE_RUN_NAME = "train\\e]0;owned\\a\\e[2Jdone\\rOK\\u009b31m";
    private static final String SERVER_MESSAGE = "quota\u001b]8;;https://evil.example/\u0007 click\u001b]8;;\u0007\rall fine";
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void aRunNamedWithEscapeSequencesPrintsVisiblyAndStaysExactInJson() throws Exception {
        MlflowHarness.ensureVenv();
        Path store = Files.createDirectories(home.resolve("store")).resolve("mlflow.db");
        String uri = "sqlite:///" + store;
        ProcessBuilder builder = new ProcessBuilder(MlflowHarness.VENV.resolve("bin/python").toString(), "-c",
                "import mlflow, sys\n"
                        + "mlflow.set_tracking_uri(sys.argv[1])\n"
                        + "with mlflow.start_run(run_name=sys.argv[2]):\n"
                        + "    mlflow.log_param('seed', '7')\n", uri, RUN_NAME)
                .directory(store.getParent().toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        Process python = builder.start();
        String pythonOut = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(5, TimeUnit.MINUTES), "the MLflow client did not finish");
        assertEquals(0, python.exitValue(), pythonOut);

        String dir = home.resolve("data").toString();
        CliRun add = new CliRun(home);
        assertEquals(0, add.run("--data-dir", dir, "mlflow", "add", uri, "--name", "hostile"), add.err());
        CliRun text = new CliRun(home);
        assertEquals(0, text.run("--data-dir", dir, "runs", "list"), text.err());
        assertNoControlCharacters(text.out());
        assertTrue(text.out().contains(VISIBLE_RUN_NAME), text.out());

        CliRun data = new CliRun(home);
        assertEquals(0, data.run("--data-dir", dir, "runs", "list", "--json"), data.err());
        List<String> names = data.out().lines().filter(l -> !l.isBlank()).map(this::tree)
                .map(n -> n.get("run_name").asText()).toList();
        assertEquals(List.of(RUN_NAME), names, data.out());
    }

    @Test
    void aServersErrorMessageWithEscapeSequencesPrintsVisibly() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = json.writeValueAsBytes(java.util.Map.of("error_code", "RESOURCE_EXHAUSTED", "message", SERVER_MESSAGE));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String dir = home.resolve("data").toString();
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            CliRun add = new CliRun(home);
            add.run("--data-dir", dir, "mlflow", "add", url, "--name", "remote");
            CliRun sync = new CliRun(home);
            assertNotEquals(0, sync.run("--data-dir", dir, "sync", "remote"), sync.out() + sync.err());
            for (CliRun run : List.of(add, sync)) {
                assertNoControlCharacters(run.out());
                assertNoControlCharacters(run.err());
            }
            assertTrue(sync.err().contains("quota\\e]8;;https://evil.example/\\a click\\e]8;;\\a\\rall fine")
                    || sync.out().contains("quota\\e]8;;https://evil.example/\\a click\\e]8;;\\a\\rall fine"),
                    sync.out() + sync.err());
        } finally {
            server.stop(0);
        }
    }

    private JsonNode tree(String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    private static void assertNoControlCharacters(String text) {
        for (char ch : text.toCharArray()) {
            assertTrue(ch == '\n' || ch >= 0x20 && ch != 0x7f && !(ch >= 0x80 && ch <= 0x9f),
                    "raw control character " + (int) ch + " in: " + text);
        }
    }
}
