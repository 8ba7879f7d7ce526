package dev.braid.pipelines.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubeflow Pipelines API server's v2beta1 REST API over a generated history, as its published
 * description ({@code backend/api/v2beta1/swagger/run.swagger.json}, {@code pipeline.swagger.json})
 * and its converter ({@code api_converter.go}: times in whole seconds, unset ones as the epoch)
 * define it: {@code GET /apis/v2beta1/runs} ({@code page_size}, {@code page_token} answered with
 * {@code next_page_token}, {@code sort_by=created_at desc}), a run with its
 * {@code run_details.task_details}, a pipeline version with its spec, and a node's log at
 * {@code /apis/v1alpha1/runs/{run}/nodes/{node}/log}. A run's task details are its Argo workflow's
 * nodes: the workflow, {@code root}, {@code root-driver}, and per task a driver and the task's pod;
 * a retried task groups its attempts {@code name(0)}, {@code name(1)}. When a token is set every
 * request must carry it as a bearer token.
 */
public final class KubeflowReplay implements ReplayServer.Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUN = Pattern.compile("/apis/v2beta1/runs/([^/:]+)");
    private static final Pattern VERSION = Pattern.compile("/apis/v2beta1/pipelines/([^/]+)/versions/([^/]+)");
    private static final Pattern LOG = Pattern.compile("/apis/v1alpha1/runs/([^/]+)/nodes/([^/]+)/log");
    public static final long START = 1_767_225_600_000L;
    public static final String PIPELINE_ID = "5f2d1c3b-0a9e-4d8c-b7a6-112233445566";
    public static final String VERSION_ID = "9a8b7c6d-5e4f-4a3b-9c2d-665544332211";
    private final List<ObjectNode> runs = new ArrayList<>();
    private final Random random;
    private final String token;
    private ObjectNode versionSpec = spec();

    public KubeflowReplay(int count, long seed, String token) {
        this.random = new Random(seed);
        this.token = token;
        for (int i = 0; i < count; i++) {
            addRun(i == count - 1 && count > 3 ? "RUNNING" : null);
        }
    }

    public synchronized List<ObjectNode> runs() {
        return new ArrayList<>(runs);
    }

    /** Gives run {@code index} its own pipeline spec (an odd-numbered run also stops referring to the pipeline version). */
    public synchronized void runSpec(int index, ObjectNode spec) {
        ObjectNode run = runs.get(index);
        run.remove("pipeline_version_reference");
        run.set("pipeline_spec", spec);
    }

    /** The spec the pipeline version answers with, which odd-numbered runs ran. */
    public synchronized void versionSpec(ObjectNode spec) {
        versionSpec = spec;
    }

    /** Appends a run a minute after the last; {@code state} null picks one. */
    public synchronized ObjectNode addRun(String state) {
        int n = runs.size();
        String chosen = state != null ? state : n % 6 == 4 ? "FAILED" : "SUCCEEDED";
        long created = START + n * 60_000L;
        String id = new UUID(0x1234_5678_9abc_4defL + n, 0x8000_0000_0000_0000L | n).toString();
        ObjectNode r = JSON.createObjectNode();
        r.put("experiment_id", "7c1d3e5f-2a4b-4c6d-8e0f-aabbccddeeff");
        r.put("run_id", id);
        r.put("display_name", "train-pipeline " + (n + 1));
        r.put("storage_state", "AVAILABLE");
        if (n % 2 == 0) {
            r.set("pipeline_spec", spec());
        } else {
            ObjectNode ref = r.putObject("pipeline_version_reference");
            ref.put("pipeline_id", PIPELINE_ID);
            ref.put("pipeline_version_id", VERSION_ID);
        }
        ObjectNode config = r.putObject("runtime_config");
        config.putObject("parameters").put("git_sha", sha(n)).put("epochs", 3);
        config.put("pipeline_root", "minio://mlpipeline/v2/artifacts");
        r.put("service_account", "pipeline-runner");
        r.put("created_at", time(created));
        r.put("scheduled_at", time(created));
        boolean running = chosen.equals("RUNNING");
        long t = created + 2_000;
        ArrayNode tasks = r.putObject("run_details").putArray("task_details");
        String workflow = "train-pipeline-" + Long.toHexString(created / 1000);
        node(tasks, id, workflow, created, t, running ? null : t + 120_000, running ? "RUNNING" : chosen, null, List.of("root"));
        node(tasks, id, "root", created, t, running ? null : t + 120_000, running ? "RUNNING" : chosen, workflow, List.of());
        node(tasks, id, "root-driver", created, t, t + 1_000, "SUCCEEDED", "root", List.of());
        t += 2_000;
        t = task(tasks, id, "preprocess", created, t, "SUCCEEDED", false);
        boolean retried = n % 4 == 1;
        t = task(tasks, id, "train", created, t, "SUCCEEDED", retried);
        String last = running ? "RUNNING" : chosen.equals("FAILED") ? "FAILED" : "SUCCEEDED";
        t = task(tasks, id, "evaluate", created, t, last, false);
        if (!running) {
            r.put("finished_at", time(t + 1_000));
        } else {
            r.put("finished_at", "1970-01-01T00:00:00Z");
        }
        r.put("state", chosen);
        ArrayNode history = r.putArray("state_history");
        history.addObject().put("update_time", time(created)).put("state", "PENDING");
        history.addObject().put("update_time", time(created + 2_000)).put("state", "RUNNING");
        if (!running) {
            history.addObject().put("update_time", time(t + 1_000)).put("state", chosen);
        }
        if (n % 3 == 0) {
            r.put("recurring_run_id", "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7");
        }
        runs.add(r);
        return r;
    }

    /** A task: its driver, then its pod (or a group of attempts); returns when it ended. */
    private long task(ArrayNode tasks, String runId, String name, long created, long t, String state, boolean retried) {
        node(tasks, runId, name + "-driver", created, t, t + 1_000, "SUCCEEDED", "root", List.of());
        t += 1_500;
        long duration = 20_000 + random.nextInt(40_000);
        boolean running = state.equals("RUNNING");
        if (retried) {
            node(tasks, runId, name, created, t, t + duration + 15_000, state, "root", List.of(name + "(0)", name + "(1)"));
            node(tasks, runId, name + "(0)", created, t, t + 5_000, "FAILED", "root", List.of());
            t += 15_000;
            node(tasks, runId, name + "(1)", created, t, t + duration, state, "root", List.of());
        } else {
            node(tasks, runId, name, created, t, running ? null : t + duration, state, "root", List.of());
        }
        return t + duration;
    }

    private static void node(ArrayNode tasks, String runId, String display, long created, long start, Long end, String state,
                             String parent, List<String> children) {
        ObjectNode t = tasks.addObject();
        String pod = display.replaceAll("[()]", "-") + "-" + Integer.toHexString((runId + display).hashCode());
        t.put("run_id", runId);
        t.put("task_id", UUID.nameUUIDFromBytes((runId + "/" + display).getBytes(StandardCharsets.UTF_8)).toString());
        t.put("display_name", display);
        t.put("create_time", time(created));
        t.put("start_time", time(start));
        t.put("end_time", end == null ? "1970-01-01T00:00:00Z" : time(end));
        t.put("state", state);
        t.put("execution_id", "0");
        if (parent != null) {
            t.put("parent_task_id", UUID.nameUUIDFromBytes((runId + "/" + parent).getBytes(StandardCharsets.UTF_8)).toString());
        }
        ArrayNode history = t.putArray("state_history");
        history.addObject().put("update_time", time(start)).put("state", state);
        t.put("pod_name", pod);
        ArrayNode child = t.putArray("child_tasks");
        children.forEach(c -> child.addObject().put("pod_name", c.replaceAll("[()]", "-") + "-"
                + Integer.toHexString((runId + c).hashCode())));
    }

    private static ObjectNode spec() {
        ObjectNode spec = JSON.createObjectNode();
        spec.putObject("pipelineInfo").put("name", "train-pipeline");
        spec.put("schemaVersion", "2.1.0");
        ObjectNode tasks = spec.putObject("root").putObject("dag").putObject("tasks");
        tasks.putObject("preprocess").putObject("taskInfo").put("name", "preprocess");
        ObjectNode train = tasks.putObject("train");
        train.putObject("taskInfo").put("name", "train");
        train.putArray("dependentTasks").add("preprocess");
        ObjectNode evaluate = tasks.putObject("evaluate");
        evaluate.putObject("taskInfo").put("name", "evaluate");
        evaluate.putArray("dependentTasks").add("train");
        return spec;
    }

    @Override
    public synchronized ReplayServer.Reply answer(ReplayServer.Request r) {
        if (token != null && !("Bearer " + token).equals(r.header("Authorization"))) {
            return ReplayServer.Reply.json(401, "{\"code\":16,\"message\":\"Unauthenticated: missing or invalid bearer token\","
                    + "\"details\":[]}");
        }
        String path = r.path();
        if (path.equals("/apis/v2beta1/runs")) {
            return list(r);
        }
        Matcher m = LOG.matcher(path);
        if (m.matches()) {
            String node = m.group(2);
            return ReplayServer.Reply.text(200, "I1201 10:00:00.000000 launcher.go:42] running " + node + "\n"
                    + (node.contains("(0)") || node.startsWith("train-0-") ? "Traceback (most recent call last):\n"
                    + "RuntimeError: replayed failure\n" : "done\n"));
        }
        m = VERSION.matcher(path);
        if (m.matches()) {
            if (!m.group(1).equals(PIPELINE_ID) || !m.group(2).equals(VERSION_ID)) {
                return notFound("pipeline version " + m.group(2));
            }
            ObjectNode v = JSON.createObjectNode();
            v.put("pipeline_id", PIPELINE_ID);
            v.put("pipeline_version_id", VERSION_ID);
            v.put("display_name", "train-pipeline v1");
            v.put("name", "train-pipeline-v1");
            v.put("created_at", time(START - 86_400_000L));
            v.set("pipeline_spec", versionSpec.deepCopy());
            return ReplayServer.Reply.json(200, v.toString());
        }
        Matcher run = RUN.matcher(path);
        if (run.matches()) {
            String id = run.group(1);
            return runs.stream().filter(x -> x.get("run_id").asText().equals(id)).findFirst()
                    .map(x -> ReplayServer.Reply.json(200, x.toString())).orElseGet(() -> notFound("run " + id));
        }
        return ReplayServer.Reply.json(404, "{\"code\":5,\"message\":\"Not Found\",\"details\":[]}");
    }

    private ReplayServer.Reply list(ReplayServer.Request r) {
        List<ObjectNode> sorted = new ArrayList<>(runs);
        if ("created_at desc".equals(r.param("sort_by"))) {
            sorted.sort(Comparator.comparing((ObjectNode x) -> x.get("created_at").asText()).reversed());
        }
        int size = Math.max(1, Math.min(200, r.intParam("page_size", 20)));
        String token = r.param("page_token");
        int offset = token == null || token.isEmpty() ? 0
                : Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray("runs");
        // The list leaves the task details out: only GetRun has them.
        sorted.subList(Math.min(offset, sorted.size()), Math.min(sorted.size(), offset + size))
                .forEach(x -> items.add(x.deepCopy().without("run_details")));
        out.put("total_size", sorted.size());
        if (offset + size < sorted.size()) {
            out.put("next_page_token", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(offset + size).getBytes(StandardCharsets.UTF_8)));
        }
        return ReplayServer.Reply.json(200, out.toString());
    }

    /** Finishes the running run as {@code state}. */
    public synchronized void finish(ObjectNode run, String state) {
        run.put("state", state);
        long end = Instant.parse(run.get("created_at").asText()).toEpochMilli() + 600_000;
        run.put("finished_at", time(end));
        ((ArrayNode) run.get("state_history")).addObject().put("update_time", time(end)).put("state", state);
        run.get("run_details").get("task_details").forEach(t -> {
            if (t.get("state").asText().equals("RUNNING")) {
                ((ObjectNode) t).put("state", state);
                ((ObjectNode) t).put("end_time", time(end));
            }
        });
    }

    private static ReplayServer.Reply notFound(String what) {
        return ReplayServer.Reply.json(404, "{\"code\":5,\"message\":\"" + what + " not found\",\"details\":[]}");
    }

    /** Whole seconds, as the API server converts its Unix times. */
    static String time(long millis) {
        return Instant.ofEpochSecond(millis / 1000).toString();
    }

    private static String sha(int n) {
        byte[] bytes = new byte[20];
        new Random(n * 31L + 7).nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
