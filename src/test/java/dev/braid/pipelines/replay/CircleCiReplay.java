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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CircleCI's API as its OpenAPI description (circleci.com/api/v2/openapi.json) and the v1.1
 * reference describe it: {@code GET /api/v2/project/{slug}/pipeline} newest first with opaque
 * {@code page-token}s, {@code /pipeline/{id}}, {@code /pipeline/{id}/workflow},
 * {@code /workflow/{id}/job} with {@code dependencies}, and v1.1's job detail whose steps name
 * output files served from another host. {@code Circle-Token} carries the token.
 *
 * <p>Every API v2 answer is checked against CircleCI's published description
 * ({@link OpenApiContract#circleCi()}, the extract in {@code openapi/circleci-v2.json}); API v1.1
 * has no published description, so its job detail follows the v1.1 reference's examples.
 */
public final class CircleCiReplay implements ReplayServer.Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PIPELINES = Pattern.compile("/api/v2/project/(gh/[^/]+/[^/]+)/pipeline");
    private static final Pattern PIPELINE = Pattern.compile("/api/v2/pipeline/([0-9a-f-]+)(/workflow)?");
    private static final Pattern WORKFLOW_JOBS = Pattern.compile("/api/v2/workflow/([0-9a-f-]+)/job");
    private static final Pattern V1_JOB = Pattern.compile("/api/v1.1/project/(gh/[^/]+/[^/]+)/(\\d+)");
    private static final Pattern OUTPUT = Pattern.compile("/output/(\\d+)");
    private static final int PAGE = 20;
    private final OpenApiContract contract = OpenApiContract.circleCi();
    private final CiHistory history;
    private final String slug;
    private final String token;
    private volatile String base = "http://127.0.0.1";

    public CircleCiReplay(CiHistory history, String slug, String token) {
        this.history = history;
        this.slug = slug;
        this.token = token;
    }

    public void base(String url) {
        this.base = url;
    }

    public static String pipelineId(CiHistory.Run run) {
        return UUID.nameUUIDFromBytes(("pipeline" + run.id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String workflowId(CiHistory.Run run) {
        return UUID.nameUUIDFromBytes(("workflow" + run.id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String jobUuid(CiHistory.Job job) {
        return UUID.nameUUIDFromBytes(("job" + job.id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public OpenApiContract contract() {
        return contract;
    }

    @Override
    public ReplayServer.Reply answer(ReplayServer.Request r) {
        Matcher m = OUTPUT.matcher(r.path());
        if (m.matches()) {
            CiHistory.Job job = job(Long.parseLong(m.group(1)));
            ArrayNode out = JSON.createArrayNode();
            ObjectNode line = out.addObject();
            line.put("message", job == null ? "" : CiLogs.log(job));
            line.put("type", "out");
            return r.header("Circle-Token") != null ? ReplayServer.Reply.text(400, "credentials sent to storage")
                    : ReplayServer.Reply.json(200, out.toString());
        }
        if (token != null && !token.equals(r.header("Circle-Token"))) {
            return ReplayServer.Reply.json(401, "{\"message\":\"You must log in first.\"}");
        }
        m = V1_JOB.matcher(r.path());
        if (m.matches()) {
            CiHistory.Job job = job(Long.parseLong(m.group(2)));
            if (job == null) {
                return ReplayServer.Reply.json(404, "{\"message\":\"Build not found\"}");
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("build_num", job.id);
            ObjectNode step = o.putArray("steps").addObject();
            step.put("name", "Run " + job.name);
            ObjectNode action = step.putArray("actions").addObject();
            action.put("name", "Run " + job.name);
            action.put("status", job.status);
            action.put("output_url", base.replace("127.0.0.1", "localhost") + "/output/" + job.id);
            return ReplayServer.Reply.json(200, o.toString());
        }
        m = WORKFLOW_JOBS.matcher(r.path());
        if (m.matches()) {
            String wanted = m.group(1);
            CiHistory.Run run = history.runs().stream().filter(x -> workflowId(x).equals(wanted)).findFirst().orElse(null);
            if (run == null) {
                return ReplayServer.Reply.json(404, "{\"message\":\"Workflow not found\"}");
            }
            List<ObjectNode> jobs = new ArrayList<>();
            for (CiHistory.Job j : run.jobs) {
                if (run.jobs.stream().anyMatch(o -> o != j && o.name.equals(j.name) && o.attempt > j.attempt)) {
                    continue;
                }
                jobs.add(job(run, j));
            }
            return paged(r, jobs);
        }
        m = PIPELINE.matcher(r.path());
        if (m.matches()) {
            String wanted = m.group(1);
            CiHistory.Run run = history.runs().stream().filter(x -> pipelineId(x).equals(wanted)).findFirst().orElse(null);
            if (run == null) {
                return ReplayServer.Reply.json(404, "{\"message\":\"Pipeline not found.\"}");
            }
            return m.group(2) == null ? ReplayServer.Reply.json(200, pipeline(run).toString())
                    : paged(r, List.of(workflow(run)));
        }
        m = PIPELINES.matcher(r.path());
        if (m.matches()) {
            if (!m.group(1).equals(slug)) {
                return ReplayServer.Reply.json(404, "{\"message\":\"Project not found\"}");
            }
            List<ObjectNode> items = history.runs().stream()
                    .sorted(Comparator.comparingLong((CiHistory.Run x) -> x.created).reversed()).map(this::pipeline).toList();
            return paged(r, items);
        }
        return ReplayServer.Reply.json(404, "{\"message\":\"Not found\"}");
    }

    private ReplayServer.Reply paged(ReplayServer.Request r, List<ObjectNode> items) {
        String token = r.param("page-token");
        int from = token == null ? 0 : Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        int to = Math.min(items.size(), from + PAGE);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("items");
        items.subList(Math.min(from, items.size()), to).forEach(list::add);
        if (to < items.size()) {
            body.put("next_page_token", Base64.getUrlEncoder().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
        } else {
            body.putNull("next_page_token");
        }
        return ReplayServer.Reply.json(200, body.toString());
    }

    private ObjectNode pipeline(CiHistory.Run run) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", pipelineId(run));
        p.putArray("errors");
        p.put("project_slug", slug);
        p.put("updated_at", iso(run.updated));
        p.put("number", run.number);
        p.put("state", "created");
        p.put("created_at", iso(run.created));
        ObjectNode trigger = p.putObject("trigger");
        trigger.put("type", "webhook");
        trigger.put("received_at", iso(run.created));
        ObjectNode actor = trigger.putObject("actor");
        actor.put("login", run.author.toLowerCase().replace(' ', '-'));
        actor.put("avatar_url", "https://avatars.example.org/u/1");
        ObjectNode vcs = p.putObject("vcs");
        vcs.put("provider_name", "GitHub");
        vcs.put("target_repository_url", "https://github.com/" + slug.substring(3));
        vcs.put("branch", run.ref);
        vcs.put("revision", run.sha);
        vcs.put("origin_repository_url", "https://github.com/" + slug.substring(3));
        ObjectNode commit = vcs.putObject("commit");
        commit.put("subject", run.title);
        commit.put("body", "");
        return p;
    }

    private ObjectNode workflow(CiHistory.Run run) {
        ObjectNode w = JSON.createObjectNode();
        w.put("pipeline_id", pipelineId(run));
        w.put("id", workflowId(run));
        w.put("name", "build-test-deploy");
        w.put("project_slug", slug);
        w.put("status", run.finished == null ? "running" : switch (run.status) {
            case "failed" -> "failed";
            case "canceled" -> "canceled";
            default -> "success";
        });
        w.put("started_by", UUID.nameUUIDFromBytes(run.author.getBytes(StandardCharsets.UTF_8)).toString());
        w.put("pipeline_number", run.number);
        w.put("created_at", iso(run.started));
        w.put("stopped_at", run.finished == null ? null : iso(run.finished));
        return w;
    }

    private ObjectNode job(CiHistory.Run run, CiHistory.Job j) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode deps = o.putArray("dependencies");
        for (String need : j.needs) {
            run.jobs.stream().filter(x -> x.name.equals(need)).reduce((a, b) -> b).ifPresent(x -> deps.add(jobUuid(x)));
        }
        o.put("job_number", j.id);
        o.put("id", jobUuid(j));
        o.put("started_at", iso(j.started));
        o.put("name", j.name);
        o.put("project_slug", slug);
        o.put("status", switch (j.status) {
            case "failed" -> "failed";
            case "canceled" -> "canceled";
            case "running" -> "running";
            default -> "success";
        });
        o.put("type", "build");
        o.put("stopped_at", j.finished == null ? null : iso(j.finished));
        return o;
    }

    private CiHistory.Job job(long id) {
        for (CiHistory.Run run : history.runs()) {
            for (CiHistory.Job job : run.jobs) {
                if (job.id == id) {
                    return job;
                }
            }
        }
        return null;
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
