package dev.braid.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real MLflow tracking server for tests: makes sure {@code .ci/venv} holds the MLflow pinned in
 * {@code .ci/requirements.txt} (creating it when missing or outdated), starts {@code mlflow server}
 * on 127.0.0.1 with a SQLite backend in a temporary folder, and runs the seeding script
 * ({@code seed_mlflow.py}, the real MLflow Python client) against it. Never skips: without
 * Python the tests fail with a message saying how to fix it.
 */
public final class MlflowHarness implements AutoCloseable {
    public static final Path ROOT = Path.of("").toAbsolutePath();
    public static final Path VENV = PythonEnv.main().dir();
    public static final Path SCRIPT = ROOT.resolve("src/test/resources/dev/braid/experiments/seed_mlflow.py");
    private static final long START_TIMEOUT_MS = 180_000;
    private final Path dir;
    private final int port;
    private final List<String> serverArgs;
    private final Map<String, String> env;
    private Process server;

    private MlflowHarness(Path dir, int port, List<String> serverArgs, Map<String, String> env) {
        this.dir = dir;
        this.port = port;
        this.serverArgs = List.copyOf(serverArgs);
        this.env = Map.copyOf(env);
    }

    /** Ensures the virtual environment, then starts a server with its data under {@code dir}. */
    public static MlflowHarness start(Path dir) throws IOException, InterruptedException {
        return start(dir, List.of(), Map.of());
    }

    /**
     * Like {@link #start(Path)} with more {@code mlflow server} arguments (such as
     * {@code --app-name basic-auth}) and environment variables given to both the server and the
     * Python client (such as {@code MLFLOW_TRACKING_USERNAME}).
     */
    public static MlflowHarness start(Path dir, List<String> serverArgs, Map<String, String> env)
            throws IOException, InterruptedException {
        ensureVenv();
        MlflowHarness harness = new MlflowHarness(dir, freePort(), serverArgs, env);
        harness.startServer();
        return harness;
    }

    /** The server's address, e.g. {@code http://127.0.0.1:41234}. */
    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** Runs {@code seed_mlflow.py COMMAND ARGS...} against the server; returns its JSON answer. */
    public JsonNode python(String... commandAndArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(VENV.resolve("bin/python").toString(), SCRIPT.toString()));
        command.addAll(List.of(commandAndArgs));
        Path log = dir.resolve("python.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(log.toFile());
        builder.environment().put("MLFLOW_TRACKING_URI", uri());
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("seed_mlflow.py " + String.join(" ", commandAndArgs) + " failed:\n"
                    + out + "\n" + Files.readString(log));
        }
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    /** Stops the server (and its workers); the data stays in the folder. */
    public void stop() {
        if (server == null) {
            return;
        }
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy();
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    /** Starts the server again on the same port and data after {@link #stop()}. */
    public void restart() throws IOException, InterruptedException {
        stop();
        startServer();
    }

    @Override
    public void close() {
        stop();
    }

    private void startServer() throws IOException, InterruptedException {
        Path log = dir.resolve("mlflow-server.log");
        Files.createDirectories(dir.resolve("artifacts"));
        List<String> command = new ArrayList<>(List.of(VENV.resolve("bin/mlflow").toString(), "server",
                "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--backend-store-uri", "sqlite:///" + dir.resolve("mlflow.db"),
                "--artifacts-destination", dir.resolve("artifacts").toString(), "--serve-artifacts",
                "--workers", "1"));
        command.addAll(serverArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // MLflow 3 starts a job runner (several huey worker processes) beside the server; Braid
        // uses no server-side jobs, and on a 2-core machine those workers slow every test.
        builder.environment().put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
        builder.environment().putAll(env);
        server = builder.start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("mlflow server exited with " + server.exitValue() + ":\n" + Files.readString(log));
            }
            if (healthy()) {
                return;
            }
            Thread.sleep(250);
        }
        stop();
        throw new IllegalStateException("mlflow server did not answer /health within " + START_TIMEOUT_MS / 1000
                + " s:\n" + Files.readString(log));
    }

    private boolean healthy() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(uri() + "/health").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(1000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates {@code .ci/venv} with the pinned MLflow unless it is there and was installed from
     * the current {@code .ci/requirements.txt} (the same check as {@code .ci/run}).
     */
    public static void ensureVenv() throws IOException, InterruptedException {
        PythonEnv.main().ensure();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
