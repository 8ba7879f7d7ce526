package dev.braid.pipelines.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab REST v4 as its documentation describes it (doc/api/pipelines.md, doc/api/jobs.md,
 * doc/api/rest/index.md#pagination): the pipelines of one project with {@code updated_after},
 * {@code order_by} ({@code id}, {@code updated_at}), {@code sort}, offset pages with the
 * {@code X-Page}, {@code X-Next-Page}, {@code X-Total} and {@code Link} headers; a pipeline;
 * its jobs ({@code include_retried}), its bridges, a job's trace. {@code PRIVATE-TOKEN} or
 * {@code Authorization: Bearer} must carry the token when one is set.
 *
 * <p>Payloads are not checked against an OpenAPI description. GitLab documents these endpoints in
 * prose pages with examples, which this replay follows; the OpenAPI 2.0 document GitLab generates
 * from its API code ({@code doc/api/openapi/openapi_v2.yaml} in the GitLab repository) lists them,
 * but it is not used here yet (see the replay README).
 */
public final class GitLabReplay implements ReplayServer.Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PIPELINES = Pattern.compile("/api/v4/projects/([^/]+)/pipelines");
    private static final Pattern PIPELINE = Pattern.compile("/api/v4/projects/([^/]+)/pipelines/(\\d+)(/jobs|/bridges)?");
    private static final Pattern TRACE = Pattern.compile("/api/v4/projects/([^/]+)/jobs/(\\d+)/trace");
    private final CiHistory history;
    private final String project;
    private volatile String token;
    private volatile String base = "http://127.0.0.1";

    public GitLabReplay(CiHistory history, String project, String token) {
        this.history = history;
        this.project = project;
        this.token = token;
    }

    public void token(String value) {
        this.token = value;
    }

    public void base(String url) {
        this.base = url;
    }

    @Override
    public ReplayServer.Reply answer(ReplayServer.Request r) {
        if (token != null && !token.equals(r.header("PRIVATE-TOKEN")) && !("Bearer " + token).equals(r.header("Authorization"))) {
            return ReplayServer.Reply.json(401, "{\"message\":\"401 Unauthorized\"}");
        }
        Matcher m = TRACE.matcher(r.path());
        if (m.matches() && projectMatches(m.group(1))) {
            long jobId = Long.parseLong(m.group(2));
            for (CiHistory.Run run : history.runs()) {
                for (CiHistory.Job job : run.jobs) {
                    if (job.id == jobId) {
                        return ReplayServer.Reply.text(200, CiLogs.log(job));
                    }
                }
            }
            return ReplayServer.Reply.json(404, "{\"message\":\"404 Not found\"}");
        }
        m = PIPELINE.matcher(r.path());
        if (m.matches() && projectMatches(m.group(1))) {
            CiHistory.Run run = history.run(Long.parseLong(m.group(2)));
            if (run == null) {
                return ReplayServer.Reply.json(404, "{\"message\":\"404 Not found\"}");
            }
            if (m.group(3) == null) {
                return ReplayServer.Reply.json(200, pipeline(run, true).toString());
            }
            boolean bridges = m.group(3).equals("/bridges");
            boolean retried = "true".equals(r.param("include_retried"));
            List<CiHistory.Job> jobs = run.jobs.stream().filter(j -> bridges == (j.downstreamId != null))
                    .filter(j -> retried || run.jobs.stream().noneMatch(o -> o != j && o.name.equals(j.name) && o.attempt > j.attempt))
                    .sorted(Comparator.comparingLong((CiHistory.Job j) -> j.id).reversed()).toList();
            return paged(r, jobs.stream().map(j -> job(run, j, bridges)).toList());
        }
        m = PIPELINES.matcher(r.path());
        if (m.matches()) {
            if (!projectMatches(m.group(1))) {
                return ReplayServer.Reply.json(404, "{\"message\":\"404 Project Not Found\"}");
            }
            List<CiHistory.Run> runs = history.runs();
            String after = r.param("updated_after");
            if (after != null) {
                long since = Instant.parse(after).toEpochMilli();
                runs = runs.stream().filter(x -> x.updated > since).toList();
            }
            Comparator<CiHistory.Run> order = "updated_at".equals(r.param("order_by"))
                    ? Comparator.comparingLong((CiHistory.Run x) -> x.updated).thenComparingLong(x -> x.id)
                    : Comparator.comparingLong((CiHistory.Run x) -> x.id);
            if (!"asc".equals(r.param("sort"))) {
                order = order.reversed();
            }
            return paged(r, runs.stream().sorted(order).map(x -> (ObjectNode) pipeline(x, false)).toList());
        }
        return ReplayServer.Reply.json(404, "{\"error\":\"404 Not Found\"}");
    }

    private boolean projectMatches(String encoded) {
        return java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.UTF_8).equals(project);
    }

    private ReplayServer.Reply paged(ReplayServer.Request r, List<ObjectNode> items) {
        int perPage = Math.min(100, Math.max(1, r.intParam("per_page", 20)));
        int page = Math.max(1, r.intParam("page", 1));
        int from = Math.min(items.size(), (page - 1) * perPage);
        int to = Math.min(items.size(), from + perPage);
        ArrayNode out = JSON.createArrayNode();
        items.subList(from, to).forEach(out::add);
        int totalPages = Math.max(1, (items.size() + perPage - 1) / perPage);
        ReplayServer.Reply reply = ReplayServer.Reply.json(200, out.toString())
                .with("X-Page", Integer.toString(page)).with("X-Per-Page", Integer.toString(perPage))
                .with("X-Total", Integer.toString(items.size())).with("X-Total-Pages", Integer.toString(totalPages))
                .with("X-Next-Page", page < totalPages ? Integer.toString(page + 1) : "")
                .with("X-Prev-Page", page > 1 ? Integer.toString(page - 1) : "");
        if (page < totalPages) {
            reply = reply.with("Link", "<" + base + r.path() + "?page=" + (page + 1) + "&per_page=" + perPage + ">; rel=\"next\"");
        }
        return reply;
    }

    private ObjectNode pipeline(CiHistory.Run run, boolean detail) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", run.id);
        p.put("iid", run.number);
        p.put("project_id", 278964);
        p.put("sha", run.sha);
        p.put("ref", run.ref);
        p.put("status", status(run.status));
        p.put("source", run.event);
        p.put("created_at", iso(run.created));
        p.put("updated_at", iso(run.updated));
        p.put("web_url", base + "/" + project + "/-/pipelines/" + run.id);
        if (detail) {
            p.put("before_sha", "0000000000000000000000000000000000000000");
            p.put("tag", false);
            p.putNull("yaml_errors");
            ObjectNode user = p.putObject("user");
            user.put("id", 1);
            user.put("name", run.author);
            user.put("username", run.author.toLowerCase().replace(' ', '.'));
            p.put("started_at", run.started == null ? null : iso(run.started));
            p.put("finished_at", run.finished == null ? null : iso(run.finished));
            p.put("committed_at", iso(run.created - 60_000));
            if (run.finished != null && run.started != null) {
                p.put("duration", (run.finished - run.started) / 1000);
            } else {
                p.putNull("duration");
            }
            p.put("queued_duration", run.started == null ? 0.0 : (run.started - run.created) / 1000.0);
            p.putNull("coverage");
            ObjectNode detailed = p.putObject("detailed_status");
            detailed.put("text", status(run.status));
            detailed.put("group", status(run.status));
        }
        return p;
    }

    private ObjectNode job(CiHistory.Run run, CiHistory.Job j, boolean bridge) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", j.id);
        o.put("status", status(j.status));
        o.put("stage", j.stage);
        o.put("name", j.name);
        o.put("ref", run.ref);
        o.put("tag", false);
        o.putNull("coverage");
        o.put("allow_failure", j.allowFailure);
        o.put("created_at", iso(j.created));
        o.put("started_at", j.started == null ? null : iso(j.started));
        o.put("finished_at", j.finished == null ? null : iso(j.finished));
        if (j.finished != null && j.started != null) {
            o.put("duration", (j.finished - j.started) / 1000.0);
        } else {
            o.putNull("duration");
        }
        o.put("queued_duration", j.started == null ? null : (j.started - j.created) / 1000.0);
        o.put("web_url", base + "/" + project + "/-/jobs/" + j.id);
        ObjectNode user = o.putObject("user");
        user.put("name", run.author);
        ObjectNode commit = o.putObject("commit");
        commit.put("id", run.sha);
        commit.put("short_id", run.sha.substring(0, 8));
        commit.put("title", run.title);
        commit.put("author_name", run.author);
        ObjectNode pipeline = o.putObject("pipeline");
        pipeline.put("id", run.id);
        pipeline.put("ref", run.ref);
        pipeline.put("sha", run.sha);
        pipeline.put("status", status(run.status));
        if (bridge) {
            ObjectNode downstream = o.putObject("downstream_pipeline");
            downstream.put("id", j.downstreamId);
            downstream.put("sha", run.sha);
            downstream.put("ref", run.ref);
            downstream.put("status", "success");
            downstream.put("web_url", base + "/other/-/pipelines/" + j.downstreamId);
        } else {
            o.put("retried", run.jobs.stream().anyMatch(x -> x != j && x.name.equals(j.name) && x.attempt > j.attempt));
            ObjectNode runner = o.putObject("runner");
            runner.put("id", j.runner.hashCode() & 0xffff);
            runner.put("description", j.runner);
            runner.put("active", true);
            runner.put("is_shared", true);
            o.putArray("tag_list").add("docker");
        }
        return o;
    }

    static String status(String neutral) {
        return switch (neutral) {
            case "canceled" -> "canceled";
            default -> neutral;
        };
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
