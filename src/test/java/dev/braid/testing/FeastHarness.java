package dev.braid.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Feast registry server for tests, started once per test run through {@link SharedServices}:
 * {@code feast serve_registry --rest-api --no-grpc -h 127.0.0.1} (never every interface) on a
 * free port, serving one registry file that every test's feature repositories apply to, each in
 * a project of its own ({@link #newRepo}). The server keeps the registry cached: {@link #refresh}
 * makes it read the file again after an apply.
 *
 * <pre>{@code
 * feast = services.get("feast", FeastHarness.class, FeastHarness::start);
 * FeastRepo repo = feast.newRepo("my_project");
 * }</pre>
 */
public final class FeastHarness implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 240_000;
    private final PythonEnv env;
    private final Path dir;
    private final Path registry;
    private final int port;
    private Process server;

    private FeastHarness(PythonEnv env, Path dir, int port) {
        this.env = env;
        this.dir = dir;
        this.registry = dir.resolve("registry.db");
        this.port = port;
    }

    /** The pinned Feast environment ({@code .ci/venv-feast}), built when missing. */
    public static PythonEnv feastEnv() throws IOException, InterruptedException {
        return PythonEnv.named("feast").ensure();
    }

    /** Starts the server on a registry under {@code dir} (a {@link SharedServices.Starter}). */
    public static FeastHarness start(Path dir) throws Exception {
        FeastHarness harness = new FeastHarness(feastEnv(), dir, freePort());
        // The server's own project must exist: its refresh endpoint checks permissions on it.
        FeastRepo serverRepo = harness.newRepo("braid_registry_server");
        serverRepo.write("definitions.py", "# The registry server's own (empty) project.\n").apply();
        harness.startServer(serverRepo.dir());
        return harness;
    }

    /** {@code http://127.0.0.1:PORT}, the server's address (its API is under {@code /api/v1}). */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The registry file the server serves and every repository applies to. */
    public Path registry() {
        return registry;
    }

    public PythonEnv env() {
        return env;
    }

    /** A new feature repository for {@code project} (a name no other test uses) on the shared registry. */
    public FeastRepo newRepo(String project) throws IOException {
        return FeastRepo.create(env, dir.resolve("repos").resolve(project), project, registry);
    }

    /** Makes the server read its registry file again ({@code POST /api/v1/registry/refresh}). */
    public void refresh() throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/api/v1/registry/refresh").toURL().openConnection();
        c.setRequestMethod("POST");
        c.setConnectTimeout(5_000);
        c.setReadTimeout(60_000);
        try {
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IOException("registry refresh answered HTTP " + status);
            }
        } finally {
            c.disconnect();
        }
    }

    private void startServer(Path repo) throws IOException, InterruptedException {
        Path log = dir.resolve("feast-server.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(env.bin("feast").toString(), "serve_registry", "--rest-api",
                "--no-grpc", "-h", "127.0.0.1", "--rest-port", String.valueOf(port)))
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("FEAST_USAGE", "False");
        server = builder.start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("feast serve_registry exited with " + server.exitValue() + ":\n"
                        + Files.readString(log));
            }
            if (answers()) {
                return;
            }
            Thread.sleep(300);
        }
        close();
        throw new IllegalStateException("feast serve_registry did not answer within " + START_TIMEOUT_MS / 1000 + " s:\n"
                + Files.readString(log));
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/api/v1/projects").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
