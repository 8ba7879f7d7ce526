package dev.braid.pipelines.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Airflow's REST API over an {@link AirflowHistory}, as its published descriptions define it:
 * Airflow 3's {@code /api/v2} (with {@code POST /auth/token} trading the user's password for a
 * token that every other request must carry) or Airflow 2's {@code /api/v1} (HTTP basic
 * authentication). DAGs and task instances page by {@code limit}/{@code offset}; DAG runs
 * ({@code dags/~/dagRuns}, every DAG) also by keyset on Airflow 3 ({@code cursor}, answered with
 * {@code next_cursor}), filtered by {@code updated_at_gte}, ordered by {@code id}; a task's tries at
 * {@code …/tries}; logs per try (Airflow 3: structured lines, NDJSON when asked; Airflow 2: text).
 * {@code /version} needs no credentials. Payload shapes: {@link AirflowPayloads}.
 */
public final class AirflowReplay implements ReplayServer.Api {
    public static final String USER = "ada";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DAG = Pattern.compile("/dags/([^/]+)(/tasks)?");
    private static final Pattern RUNS = Pattern.compile("/dags/~/dagRuns");
    private static final Pattern RUN = Pattern.compile("/dags/([^/]+)/dagRuns/([^/]+)(/taskInstances)?");
    private static final Pattern TRIES = Pattern.compile("/dags/([^/]+)/dagRuns/([^/]+)/taskInstances/([^/]+)(?:/(\\d+))?/tries");
    private static final Pattern LOG = Pattern.compile("/dags/([^/]+)/dagRuns/([^/]+)/taskInstances/([^/]+)/logs/(\\d+)");
    private final AirflowHistory history;
    private final boolean v2;
    private final String prefix;
    private final String password;
    private final AirflowPayloads payloads;
    private volatile String token;

    /** @param v2 Airflow 3's {@code /api/v2}, else Airflow 2's {@code /api/v1}; @param password the user's, or null for an Airflow 2 API open to anyone */
    public AirflowReplay(AirflowHistory history, boolean v2, String password) {
        this.history = history;
        this.v2 = v2;
        this.prefix = v2 ? "/api/v2" : "/api/v1";
        this.password = password;
        this.payloads = new AirflowPayloads(v2);
    }

    /** Makes every token given out so far invalid, as restarting with a new JWT secret does. */
    public void revokeTokens() {
        token = null;
    }

    @Override
    public ReplayServer.Reply answer(ReplayServer.Request r) {
        String path = r.path();
        if (v2 && path.equals("/auth/token") && r.method().equals("POST")) {
            return login(r.body());
        }
        if (!path.startsWith(prefix + "/")) {
            return ReplayServer.Reply.json(404, "{\"detail\":\"Not Found\"}");
        }
        String rest = path.substring(prefix.length());
        if (rest.equals("/version")) {
            return ReplayServer.Reply.json(200, "{\"version\":\"" + (v2 ? "3.3.2" : "2.10.5") + "\",\"git_version\":null}");
        }
        if (!authorized(r)) {
            return v2 ? ReplayServer.Reply.json(401, "{\"detail\":\"Not authenticated\"}")
                    : ReplayServer.Reply.json(401, "{\"detail\":null,\"status\":401,\"title\":\"Unauthorized\",\"type\":"
                    + "\"https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html#section/Errors/Unauthenticated\"}");
        }
        if (rest.equals("/dags")) {
            List<ObjectNode> dags = history.dags().stream().map(payloads::dag).toList();
            return page(r, dags, "dags");
        }
        Matcher m = RUNS.matcher(rest);
        if (m.matches()) {
            return runs(r);
        }
        m = LOG.matcher(rest);
        if (m.matches()) {
            return log(r, decode(m.group(1)), decode(m.group(2)), decode(m.group(3)), Integer.parseInt(m.group(4)));
        }
        m = TRIES.matcher(rest);
        if (m.matches()) {
            return tries(r, decode(m.group(1)), decode(m.group(2)), decode(m.group(3)),
                    m.group(4) == null ? Integer.parseInt(r.query().getOrDefault("map_index", "-1")) : Integer.parseInt(m.group(4)));
        }
        m = RUN.matcher(rest);
        if (m.matches()) {
            AirflowHistory.Run run = history.run(decode(m.group(1)), decode(m.group(2)));
            if (run == null) {
                return notFound("The DagRun with dag_id: `" + decode(m.group(1)) + "` and run_id: `" + decode(m.group(2))
                        + "` was not found");
            }
            if (m.group(3) == null) {
                return ReplayServer.Reply.json(200, payloads.run(run).toString());
            }
            List<ObjectNode> tis = new ArrayList<>();
            for (AirflowHistory.Instance ti : run.instances) {
                tis.add(payloads.instance(run, ti, ti.latest(), false, retries(run, ti)));
            }
            return page(r, tis, "task_instances");
        }
        m = DAG.matcher(rest);
        if (m.matches() && m.group(2) != null) {
            AirflowHistory.Dag dag = history.dag(decode(m.group(1)));
            if (dag == null) {
                return notFound("Dag with id " + decode(m.group(1)) + " was not found");
            }
            ObjectNode out = JSON.createObjectNode();
            ArrayNode tasks = out.putArray("tasks");
            dag.tasks.forEach(t -> tasks.add(payloads.task(t)));
            if (v2) {
                out.put("total_entries", dag.tasks.size());
            }
            return ReplayServer.Reply.json(200, out.toString());
        }
        return ReplayServer.Reply.json(404, "{\"detail\":\"Not Found\"}");
    }

    /** {@code POST /auth/token} with {@code {"username", "password"}}: 201 with a fresh access token, or 401. */
    private ReplayServer.Reply login(String body) {
        try {
            var node = JSON.readTree(body);
            if (!USER.equals(node.path("username").asText()) || !password.equals(node.path("password").asText())) {
                return ReplayServer.Reply.json(401, "{\"detail\":\"Invalid credentials\"}");
            }
        } catch (java.io.IOException e) {
            return ReplayServer.Reply.json(422, "{\"detail\":\"invalid body\"}");
        }
        String issued = "eyJhbGciOiJIUzUxMiJ9." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"" + USER + "\",\"n\":" + System.nanoTime() + "}").getBytes(StandardCharsets.UTF_8)) + ".sig";
        token = issued;
        return ReplayServer.Reply.json(201, "{\"access_token\":\"" + issued + "\"}");
    }

    private boolean authorized(ReplayServer.Request r) {
        if (password == null) {
            return true; // an Airflow 2 whose API lets anyone read (auth_backends = ...backend.default)
        }
        String auth = r.header("Authorization");
        if (v2) {
            return token != null && ("Bearer " + token).equals(auth);
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        return expected.equals(auth);
    }

    private ReplayServer.Reply runs(ReplayServer.Request r) {
        List<AirflowHistory.Run> runs = new ArrayList<>(history.runs());
        String since = r.param("updated_at_gte");
        if (since != null) {
            long from = Instant.parse(since).toEpochMilli();
            runs.removeIf(x -> x.updated < from);
        }
        runs.sort(Comparator.comparingLong(x -> x.id));
        String cursor = r.param("cursor");
        int limit = Math.max(1, Math.min(100, r.intParam("limit", 50)));
        if (v2 && cursor != null) {
            long after = cursor.isEmpty() ? 0 : Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            List<AirflowHistory.Run> next = runs.stream().filter(x -> x.id > after).limit(limit).toList();
            ObjectNode out = JSON.createObjectNode();
            ArrayNode items = out.putArray("dag_runs");
            next.forEach(x -> items.add(payloads.run(x)));
            out.put("total_entries", runs.size());
            out.put("total_entries_limit", 50_000);
            boolean more = !next.isEmpty() && runs.stream().anyMatch(x -> x.id > next.get(next.size() - 1).id);
            if (more) {
                out.put("next_cursor", Base64.getUrlEncoder().withoutPadding().encodeToString(
                        Long.toString(next.get(next.size() - 1).id).getBytes(StandardCharsets.UTF_8)));
            } else {
                out.putNull("next_cursor");
            }
            out.put("previous_cursor", cursor.isEmpty() ? null : cursor);
            return ReplayServer.Reply.json(200, out.toString());
        }
        return page(r, runs.stream().map(payloads::run).toList(), "dag_runs");
    }

    private ReplayServer.Reply tries(ReplayServer.Request r, String dagId, String runId, String taskId, int mapIndex) {
        AirflowHistory.Run run = history.run(dagId, runId);
        AirflowHistory.Instance ti = run == null ? null : run.instances.stream()
                .filter(i -> i.taskId.equals(taskId) && i.mapIndex == mapIndex).findFirst().orElse(null);
        if (ti == null) {
            return notFound("The Task Instance with dag_id: `" + dagId + "`, run_id: `" + runId + "`, task_id: `" + taskId
                    + "` and map_index: `" + mapIndex + "` was not found");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray(v2 ? "task_instances" : "task_instances_history");
        ti.tries.forEach(t -> items.add(payloads.instance(run, ti, t, true, retries(run, ti))));
        out.put("total_entries", ti.tries.size());
        return ReplayServer.Reply.json(200, out.toString());
    }

    private ReplayServer.Reply log(ReplayServer.Request r, String dagId, String runId, String taskId, int tryNumber) {
        AirflowHistory.Run run = history.run(dagId, runId);
        int mapIndex = Integer.parseInt(r.query().getOrDefault("map_index", "-1"));
        AirflowHistory.Instance ti = run == null ? null : run.instances.stream()
                .filter(i -> i.taskId.equals(taskId) && i.mapIndex == mapIndex).findFirst().orElse(null);
        AirflowHistory.Try t = ti == null ? null : ti.tries.stream().filter(x -> x.number == tryNumber).findFirst().orElse(null);
        if (t == null) {
            return notFound("TaskInstance not found");
        }
        List<String[]> lines = List.of(
                new String[] {"info", "::group::Pre Execute"},
                new String[] {"info", "Running " + taskId + " of " + runId + " (map index " + mapIndex + ", try " + tryNumber + ")"},
                new String[] {"info", "::endgroup::"},
                "failed".equals(t.state) ? new String[] {"error", "Task failed with exception"}
                        : new String[] {"info", "Done. Returned value was: None"});
        if (!v2) {
            StringBuilder text = new StringBuilder();
            lines.forEach(l -> text.append('[').append(payloads.time(t.started)).append("] {taskinstance.py:1} ")
                    .append(l[0].toUpperCase(java.util.Locale.ROOT)).append(" - ").append(l[1]).append('\n'));
            if ("failed".equals(t.state)) {
                text.append("Traceback (most recent call last):\n  File \"/opt/airflow/dags/x.py\", line 12, in run\n")
                        .append("RuntimeError: replayed failure\n");
            }
            return ReplayServer.Reply.text(200, text.toString());
        }
        ArrayNode content = JSON.createArrayNode();
        for (String[] l : lines) {
            ObjectNode line = content.addObject();
            line.put("timestamp", payloads.time(t.started));
            line.put("event", l[1]);
            line.put("level", l[0]);
            line.put("logger", "task");
            if (l[0].equals("error")) {
                ObjectNode error = line.putArray("error_detail").addObject();
                error.put("exc_type", "RuntimeError");
                error.put("exc_value", "replayed failure");
                ObjectNode frame = error.putArray("frames").addObject();
                frame.put("filename", "/opt/airflow/dags/x.py");
                frame.put("lineno", 12);
                frame.put("name", "run");
            }
        }
        if ("application/x-ndjson".equals(r.header("Accept"))) {
            StringBuilder nd = new StringBuilder();
            content.forEach(l -> nd.append(l).append('\n'));
            return new ReplayServer.Reply(200, new java.util.LinkedHashMap<>(java.util.Map.of("Content-Type", "application/x-ndjson")),
                    nd.toString().getBytes(StandardCharsets.UTF_8));
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("content", content);
        out.putNull("continuation_token");
        return ReplayServer.Reply.json(200, out.toString());
    }

    private static int retries(AirflowHistory.Run run, AirflowHistory.Instance ti) {
        return ti.tries.size() > 1 ? 2 : 0;
    }

    private ReplayServer.Reply page(ReplayServer.Request r, List<ObjectNode> items, String field) {
        int limit = Math.max(1, Math.min(100, r.intParam("limit", v2 ? 50 : 100)));
        int offset = Math.max(0, r.intParam("offset", 0));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode array = out.putArray(field);
        items.subList(Math.min(offset, items.size()), Math.min(items.size(), offset + limit)).forEach(array::add);
        out.put("total_entries", items.size());
        return ReplayServer.Reply.json(200, out.toString());
    }

    private ReplayServer.Reply notFound(String detail) {
        return v2 ? ReplayServer.Reply.json(404, "{\"detail\":" + JSON.valueToTree(detail) + "}")
                : ReplayServer.Reply.json(404, "{\"detail\":" + JSON.valueToTree(detail) + ",\"status\":404,\"title\":\"Not Found\","
                + "\"type\":\"https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html#section/Errors/NotFound\"}");
    }

    private static String decode(String part) {
        return java.net.URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
