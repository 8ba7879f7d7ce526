package dev.braid.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Airflow 3 for tests, from {@code .ci/venv-airflow} ({@code .ci/requirements-airflow.txt}),
 * started once per test run through {@link SharedServices}: {@code airflow db migrate} on SQLite,
 * then {@code api-server --host 127.0.0.1}, {@code scheduler --skip-serve-logs} and
 * {@code dag-processor} (never {@code airflow standalone}, whose log servers listen on every
 * interface). The simple auth manager has one user, {@link #USER} with {@link #PASSWORD}; the
 * OpenLineage provider writes its events, one JSON a line, to {@link #openLineageEvents()} under
 * the namespace {@link #NAMESPACE}. The DAGs are those of {@code braid_orchestrator_dags.py}.
 *
 * <p>Timeouts are generous: on a loaded two-core machine the API answers a minute or more after
 * the start and a small DAG run takes tens of seconds.
 */
public final class AirflowHarness implements AutoCloseable {
    public static final String USER = "admin";
    public static final String PASSWORD = "braid-airflow-password";
    public static final String NAMESPACE = "braid-tests";
    private static final Path DAGS = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/pipelines/airflow/braid_orchestrator_dags.py");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START_TIMEOUT_MS = 600_000;
    private final Path dir;
    private final int port;
    private final PythonEnv env;
    private final List<Process> processes = new ArrayList<>();
    // HTTP/1.1: uvicorn refuses a request with a body that offers an upgrade to HTTP/2 (h2c).
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String token;
    private String trainedRun;

    private AirflowHarness(Path dir, int port, PythonEnv env) {
        this.dir = dir;
        this.port = port;
        this.env = env;
    }

    /** Builds the environment if needed, migrates a fresh database under {@code dir} and starts the servers. */
    public static AirflowHarness start(Path dir) throws Exception {
        PythonEnv env = PythonEnv.named("airflow").ensure();
        AirflowHarness airflow = new AirflowHarness(dir, freePort(), env);
        try {
            airflow.startAll();
        } catch (Exception e) {
            airflow.close();
            throw e;
        }
        return airflow;
    }

    /** The server's address, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The file the OpenLineage provider appends its events to. */
    public Path openLineageEvents() {
        return dir.resolve("openlineage.jsonl");
    }

    /** The environment every Airflow process gets. */
    Map<String, String> environment() {
        Map<String, String> e = new TreeMap<>();
        e.put("AIRFLOW_HOME", dir.toString());
        e.put("AIRFLOW__CORE__DAGS_FOLDER", dir.resolve("dags").toString());
        e.put("AIRFLOW__CORE__LOAD_EXAMPLES", "False");
        e.put("AIRFLOW__CORE__PARALLELISM", "2");
        e.put("AIRFLOW__CORE__EXECUTION_API_SERVER_URL", url() + "/execution/");
        e.put("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", USER + ":admin");
        e.put("AIRFLOW__API_AUTH__JWT_SECRET", "braid-tests-jwt-secret-0123456789abcdef");
        e.put("AIRFLOW__API__SECRET_KEY", "braid-tests-secret-key");
        // A worker's calls to the execution API time out after 5 s by default: too short on a
        // loaded machine, where a task then fails before it starts.
        e.put("AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT", "120");
        e.put("AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL", "5");
        e.put("AIRFLOW__OPENLINEAGE__NAMESPACE", NAMESPACE);
        e.put("AIRFLOW__OPENLINEAGE__TRANSPORT", "{\"type\": \"file\", \"log_file_path\": \"" + openLineageEvents()
                + "\", \"append\": true}");
        e.put("GIT_PYTHON_REFRESH", "quiet");
        return e;
    }

    private void startAll() throws Exception {
        Files.createDirectories(dir.resolve("dags"));
        Files.copy(DAGS, dir.resolve("dags").resolve(DAGS.getFileName()));
        Files.writeString(dir.resolve("simple_auth_manager_passwords.json.generated"), "{\"" + USER + "\": \"" + PASSWORD + "\"}");
        run(List.of(env.bin("airflow").toString(), "db", "migrate"), "db-migrate.log", 10);
        processes.add(spawn(List.of(env.bin("airflow").toString(), "api-server", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--workers", "1"), "api-server.log"));
        processes.add(spawn(List.of(env.bin("airflow").toString(), "scheduler", "--skip-serve-logs"), "scheduler.log"));
        processes.add(spawn(List.of(env.bin("airflow").toString(), "dag-processor"), "dag-processor.log"));
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (!answers("/api/v2/version")) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("an Airflow process exited with " + p.exitValue() + ":\n" + logs());
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Airflow's API did not answer within " + START_TIMEOUT_MS / 1000 + " s:\n" + logs());
            }
            Thread.sleep(1000);
        }
    }

    /**
     * The run of {@code braid_train} every test shares, triggered with {@code conf.git_sha = sha} the
     * first time anyone asks, and finished, with the OpenLineage event of its end written.
     */
    public synchronized String trainedRun(String sha) throws Exception {
        if (trainedRun == null) {
            String id = trigger("braid_train", Map.of("git_sha", sha));
            String state = awaitRun("braid_train", id, Duration.ofMinutes(10));
            if (!state.equals("success")) {
                throw new IllegalStateException("braid_train ended " + state + ":\n" + logs());
            }
            awaitEvent("braid_train", "COMPLETE", Duration.ofMinutes(2));
            trainedRun = id;
        }
        return trainedRun;
    }

    /** Waits until the DAG processor has parsed {@code dagId}. */
    public void awaitDag(String dagId) throws Exception {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = call("GET", "/api/v2/dags/" + dagId, null);
            if (r.statusCode() == 200) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Airflow did not parse DAG " + dagId + " in time:\n" + logs());
    }

    /** Unpauses {@code dagId} and triggers a run with {@code conf}; returns the DAG run id. */
    public String trigger(String dagId, Map<String, Object> conf) throws Exception {
        awaitDag(dagId);
        HttpResponse<String> unpaused = call("PATCH", "/api/v2/dags/" + dagId, "{\"is_paused\": false}");
        if (unpaused.statusCode() != 200) {
            throw new IllegalStateException("unpausing " + dagId + " answered " + unpaused.statusCode() + ": " + unpaused.body());
        }
        String body = "{\"logical_date\": null, \"conf\": " + JSON.writeValueAsString(conf) + "}";
        HttpResponse<String> run = call("POST", "/api/v2/dags/" + dagId + "/dagRuns", body);
        if (run.statusCode() / 100 != 2) {
            throw new IllegalStateException("triggering " + dagId + " answered " + run.statusCode() + ": " + run.body());
        }
        return JSON.readTree(run.body()).get("dag_run_id").asText();
    }

    /** Waits until the run has finished; returns its state. */
    public String awaitRun(String dagId, String runId, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        String path = "/api/v2/dags/" + dagId + "/dagRuns/" + URLEncoder.encode(runId, StandardCharsets.UTF_8);
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = call("GET", path, null);
            if (r.statusCode() == 200) {
                String state = JSON.readTree(r.body()).path("state").asText();
                if (state.equals("success") || state.equals("failed")) {
                    return state;
                }
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("DAG run " + runId + " did not finish within " + timeout + ":\n" + logs());
    }

    /** Waits until the OpenLineage file holds an event of job {@code jobName} of type {@code eventType}. */
    public void awaitEvent(String jobName, String eventType, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(openLineageEvents())) {
                for (String line : Files.readAllLines(openLineageEvents())) {
                    JsonNode e = JSON.readTree(line);
                    if (jobName.equals(e.path("job").path("name").asText()) && eventType.equals(e.path("eventType").asText())) {
                        return;
                    }
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("no OpenLineage " + eventType + " event of " + jobName + " within " + timeout);
    }

    /** A JSON request to the REST API with a token of {@link #USER}. */
    public HttpResponse<String> call(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private synchronized String token() throws Exception {
        if (token == null) {
            HttpRequest login = HttpRequest.newBuilder(URI.create(url() + "/auth/token")).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + USER + "\", \"password\": \"" + PASSWORD + "\"}"))
                    .build();
            HttpResponse<String> r = client.send(login, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("logging in to Airflow answered " + r.statusCode() + ": " + r.body());
            }
            token = JSON.readTree(r.body()).get("access_token").asText();
        }
        return token;
    }

    private boolean answers(String path) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Process spawn(List<String> command, String log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile()));
        builder.environment().putAll(environment());
        return builder.start();
    }

    private void run(List<String> command, String log, int minutes) throws Exception {
        Process p = spawn(command, log);
        if (!p.waitFor(minutes, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(dir.resolve(log)));
        }
    }

    /** The ends of the servers' logs, for failure messages. */
    public String logs() {
        StringBuilder out = new StringBuilder();
        for (String log : List.of("api-server.log", "scheduler.log", "dag-processor.log")) {
            Path file = dir.resolve(log);
            try {
                String text = Files.exists(file) ? Files.readString(file) : "";
                out.append("--- ").append(log).append('\n').append(text.substring(Math.max(0, text.length() - 3000))).append('\n');
            } catch (IOException e) {
                out.append("--- ").append(log).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
