package dev.braid.pipelines.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions' REST API as GitHub documents it (docs.github.com/en/rest/actions/workflow-runs,
 * /workflow-jobs, /using-the-rest-api/rate-limits-for-the-rest-api, /best-practices: conditional
 * requests): workflow runs of one repository newest first with {@code per_page}, {@code page} and
 * {@code Link} headers, the {@code created} filter (whose queries stop at 1,000 results), strong
 * ETags with {@code 304 Not Modified} for {@code If-None-Match}, rate-limit headers counting down
 * (a 304 costs nothing), jobs with steps ({@code filter=all} or {@code latest}), and job logs as a
 * {@code 302} to a download on another host that must get no credentials. Every answer is checked
 * against GitHub's REST API description ({@link OpenApiContract#gitHub()}: {@code workflow-run},
 * {@code job}, the list responses, {@code basic-error}; the extract in
 * {@code openapi/github-actions.json}).
 */
public final class GitHubReplay implements ReplayServer.Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUNS = Pattern.compile("/repos/([^/]+/[^/]+)/actions/runs");
    private static final Pattern RUN = Pattern.compile("/repos/([^/]+/[^/]+)/actions/runs/(\\d+)(/jobs)?");
    private static final Pattern LOGS = Pattern.compile("/repos/([^/]+/[^/]+)/actions/jobs/(\\d+)/logs");
    private static final Pattern DOWNLOAD = Pattern.compile("/download/job-(\\d+)\\.txt");
    private final OpenApiContract contract = OpenApiContract.gitHub();
    private final CiHistory history;
    private final String repo;
    private final String token;
    private final AtomicLong remaining = new AtomicLong(5000);
    private volatile long limit = 5000;
    private volatile long resetAt = Instant.now().plusSeconds(3600).toEpochMilli();
    private volatile long window = 3_600_000;
    private volatile String base = "http://127.0.0.1";

    public GitHubReplay(CiHistory history, String repo, String token) {
        this.history = history;
        this.repo = repo;
        this.token = token;
    }

    public void base(String url) {
        this.base = url;
    }

    /** Starts a rate-limit window of {@code requests}. */
    public void rateLimit(long requests, long windowMillis) {
        limit = requests;
        window = windowMillis;
        resetAt = System.currentTimeMillis() + windowMillis;
        remaining.set(requests);
    }

    public long remaining() {
        return remaining.get();
    }

    @Override
    public OpenApiContract contract() {
        return contract;
    }

    @Override
    public ReplayServer.Reply answer(ReplayServer.Request r) {
        Matcher m = DOWNLOAD.matcher(r.path());
        if (m.matches()) {
            if (r.header("Authorization") != null) {
                return ReplayServer.Reply.text(400, "Only one auth mechanism allowed");
            }
            CiHistory.Job job = job(Long.parseLong(m.group(1)));
            return job == null ? ReplayServer.Reply.text(404, "NoSuchKey") : ReplayServer.Reply.text(200, CiLogs.log(job));
        }
        if (token != null && !("Bearer " + token).equals(r.header("Authorization"))) {
            return ReplayServer.Reply.json(401, "{\"message\":\"Bad credentials\",\"documentation_url\":"
                    + "\"https://docs.github.com/rest\",\"status\":\"401\"}");
        }
        ReplayServer.Reply reply = route(r);
        String etag = reply.status() == 200 ? etag(reply.body()) : null;
        if (etag != null && etag.equals(r.header("If-None-Match"))) {
            return rated(new ReplayServer.Reply(304, new java.util.LinkedHashMap<>(), new byte[0]).with("ETag", etag), false);
        }
        return limitedOrRated(etag == null ? reply : reply.with("ETag", etag));
    }

    /**
     * The answer, or GitHub's 403 while no requests are left in the window. Checked and counted
     * under one lock: a window that ends between the check and the headers would otherwise send a
     * 403 that says requests are left, which GitHub never does.
     */
    private synchronized ReplayServer.Reply limitedOrRated(ReplayServer.Reply reply) {
        long now = System.currentTimeMillis();
        if (now >= resetAt) {
            remaining.set(limit);
            resetAt = now + window;
        }
        if (remaining.get() <= 0) {
            return rated(ReplayServer.Reply.json(403, "{\"message\":\"API rate limit exceeded for user ID 1.\","
                    + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}"), false);
        }
        return rated(reply, true);
    }

    private synchronized ReplayServer.Reply rated(ReplayServer.Reply reply, boolean counts) {
        if (System.currentTimeMillis() >= resetAt) {
            remaining.set(limit);
            resetAt = System.currentTimeMillis() + window;
        }
        long left = counts ? Math.max(0, remaining.decrementAndGet()) : remaining.get();
        return reply.with("x-ratelimit-limit", Long.toString(limit)).with("x-ratelimit-remaining", Long.toString(left))
                .with("x-ratelimit-used", Long.toString(limit - left)).with("x-ratelimit-resource", "core")
                .with("x-ratelimit-reset", Long.toString((resetAt + 999) / 1000));
    }

    private ReplayServer.Reply route(ReplayServer.Request r) {
        Matcher m = LOGS.matcher(r.path());
        if (m.matches() && m.group(1).equals(repo)) {
            String host = base.replace("127.0.0.1", "localhost");
            return new ReplayServer.Reply(302, new java.util.LinkedHashMap<>(), new byte[0])
                    .with("Location", host + "/download/job-" + m.group(2) + ".txt?sig=abc");
        }
        m = RUN.matcher(r.path());
        if (m.matches() && m.group(1).equals(repo)) {
            CiHistory.Run run = history.run(Long.parseLong(m.group(2)));
            if (run == null) {
                return notFound();
            }
            if (m.group(3) == null) {
                return ReplayServer.Reply.json(200, run(run).toString());
            }
            boolean all = "all".equals(r.param("filter"));
            List<ObjectNode> jobs = run.jobs.stream().filter(j -> all || run.jobs.stream()
                    .noneMatch(o -> o != j && o.name.equals(j.name) && o.attempt > j.attempt)).map(j -> job(run, j)).toList();
            return paged(r, jobs, "jobs");
        }
        m = RUNS.matcher(r.path());
        if (m.matches()) {
            if (!m.group(1).equals(repo)) {
                return notFound();
            }
            List<CiHistory.Run> runs = history.runs().stream()
                    .sorted(Comparator.comparingLong((CiHistory.Run x) -> x.created).thenComparingLong(x -> x.id).reversed()).toList();
            String created = r.param("created");
            if (created != null) {
                LongPredicate in = range(created);
                runs = runs.stream().filter(x -> in.test(x.created / 1000 * 1000)).toList();
            }
            List<ObjectNode> items = runs.stream().map(this::run).toList();
            ReplayServer.Reply reply = paged(r, created != null && items.size() > 1000 ? items.subList(0, 1000) : items,
                    "workflow_runs");
            if (created != null) {
                // total_count stays the whole count, as GitHub's does; the pages end at 1,000.
                try {
                    ObjectNode body = (ObjectNode) JSON.readTree(reply.body());
                    body.put("total_count", items.size());
                    return new ReplayServer.Reply(reply.status(), reply.headers(), body.toString().getBytes(StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return reply;
        }
        return notFound();
    }

    private static ReplayServer.Reply notFound() {
        return ReplayServer.Reply.json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\","
                + "\"status\":\"404\"}");
    }

    /** GitHub's {@code created} qualifier: {@code A..B}, {@code >=A}, {@code <=A}, {@code >A}, {@code <A}. */
    static LongPredicate range(String q) {
        if (q.contains("..")) {
            long from = Instant.parse(q.substring(0, q.indexOf(".."))).toEpochMilli();
            long to = Instant.parse(q.substring(q.indexOf("..") + 2)).toEpochMilli();
            return t -> t >= from && t <= to;
        }
        if (q.startsWith(">=")) {
            long at = Instant.parse(q.substring(2)).toEpochMilli();
            return t -> t >= at;
        }
        if (q.startsWith("<=")) {
            long at = Instant.parse(q.substring(2)).toEpochMilli();
            return t -> t <= at;
        }
        throw new IllegalArgumentException("unsupported created qualifier in the replay: " + q);
    }

    private ReplayServer.Reply paged(ReplayServer.Request r, List<ObjectNode> items, String field) {
        int perPage = Math.min(100, Math.max(1, r.intParam("per_page", 30)));
        int page = Math.max(1, r.intParam("page", 1));
        int from = Math.min(items.size(), (page - 1) * perPage);
        int to = Math.min(items.size(), from + perPage);
        ObjectNode body = JSON.createObjectNode();
        body.put("total_count", items.size());
        ArrayNode list = body.putArray(field);
        items.subList(from, to).forEach(list::add);
        ReplayServer.Reply reply = ReplayServer.Reply.json(200, body.toString());
        int last = Math.max(1, (items.size() + perPage - 1) / perPage);
        if (page < last) {
            StringBuilder query = new StringBuilder();
            r.query().forEach((k, v) -> {
                if (!k.equals("page")) {
                    query.append(query.length() == 0 ? "" : "&").append(k).append('=')
                            .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
                }
            });
            String url = base + r.path() + "?" + query + (query.length() == 0 ? "" : "&") + "page=";
            reply = reply.with("Link", "<" + url + (page + 1) + ">; rel=\"next\", <" + url + last + ">; rel=\"last\"");
        }
        return reply;
    }

    private ObjectNode run(CiHistory.Run run) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", run.id);
        o.put("name", "CI");
        o.put("node_id", "WFR_" + run.id);
        o.put("head_branch", run.ref);
        o.put("head_sha", run.sha);
        o.put("path", ".github/workflows/ci.yml");
        o.put("display_title", run.title);
        o.put("run_number", run.number);
        o.put("event", run.event);
        boolean done = run.finished != null;
        o.put("status", done ? "completed" : "in_progress");
        if (done) {
            o.put("conclusion", conclusion(run.status));
        } else {
            o.putNull("conclusion");
        }
        o.put("workflow_id", 161335);
        o.put("check_suite_id", run.id * 3);
        o.put("check_suite_node_id", "CS_" + run.id);
        String api = base + "/repos/" + repo + "/actions/runs/" + run.id;
        o.put("url", api);
        o.put("html_url", "https://github.com/" + repo + "/actions/runs/" + run.id);
        o.putArray("pull_requests");
        o.put("created_at", iso(run.created));
        o.put("updated_at", iso(run.updated));
        o.put("run_attempt", run.attempt);
        o.putArray("referenced_workflows");
        o.put("run_started_at", iso(run.started == null ? run.created : run.started));
        ObjectNode actor = o.putObject("actor");
        user(actor, run.author);
        user(o.putObject("triggering_actor"), run.author);
        o.put("jobs_url", api + "/jobs");
        o.put("logs_url", api + "/logs");
        o.put("check_suite_url", base + "/repos/" + repo + "/check-suites/" + run.id * 3);
        o.put("artifacts_url", api + "/artifacts");
        o.put("cancel_url", api + "/cancel");
        o.put("rerun_url", api + "/rerun");
        o.put("workflow_url", base + "/repos/" + repo + "/actions/workflows/161335");
        ObjectNode commit = o.putObject("head_commit");
        commit.put("id", run.sha);
        commit.put("tree_id", run.sha.substring(0, 38) + "00");
        commit.put("message", run.title + "\n\nDetails of the change.");
        commit.put("timestamp", iso(run.created - 60_000));
        ObjectNode author = commit.putObject("author");
        author.put("name", run.author);
        author.put("email", run.author.toLowerCase().replace(' ', '.') + "@example.org");
        commit.set("committer", author.deepCopy());
        o.set("repository", repository());
        o.set("head_repository", repository());
        o.put("head_repository_id", 1296269);
        return o;
    }

    /** A {@code minimal-repository}: every field the description requires, URL templates as GitHub writes them. */
    private ObjectNode repository() {
        ObjectNode r = JSON.createObjectNode();
        String api = base + "/repos/" + repo;
        r.put("id", 1296269);
        r.put("node_id", "R_kgDOABPHjQ");
        r.put("name", repo.substring(repo.indexOf('/') + 1));
        r.put("full_name", repo);
        user(r.putObject("owner"), repo.substring(0, repo.indexOf('/')));
        r.put("private", false);
        r.put("html_url", "https://github.com/" + repo);
        r.putNull("description");
        r.put("fork", false);
        r.put("url", api);
        for (String name : List.of("archive_url:/{archive_format}{/ref}", "assignees_url:/assignees{/user}", "blobs_url:/git/blobs{/sha}",
                "branches_url:/branches{/branch}", "collaborators_url:/collaborators{/collaborator}", "comments_url:/comments{/number}",
                "commits_url:/commits{/sha}", "compare_url:/compare/{base}...{head}", "contents_url:/contents/{+path}",
                "contributors_url:/contributors", "deployments_url:/deployments", "downloads_url:/downloads", "events_url:/events",
                "forks_url:/forks", "git_commits_url:/git/commits{/sha}", "git_refs_url:/git/refs{/sha}", "git_tags_url:/git/tags{/sha}",
                "hooks_url:/hooks", "issue_comment_url:/issues/comments{/number}", "issue_events_url:/issues/events{/number}",
                "issues_url:/issues{/number}", "keys_url:/keys{/key_id}", "labels_url:/labels{/name}", "languages_url:/languages",
                "merges_url:/merges", "milestones_url:/milestones{/number}", "notifications_url:/notifications{?since,all,participating}",
                "pulls_url:/pulls{/number}", "releases_url:/releases{/id}", "stargazers_url:/stargazers", "statuses_url:/statuses/{sha}",
                "subscribers_url:/subscribers", "subscription_url:/subscription", "tags_url:/tags", "teams_url:/teams",
                "trees_url:/git/trees{/sha}")) {
            int colon = name.indexOf(':');
            r.put(name.substring(0, colon), api + name.substring(colon + 1));
        }
        return r;
    }

    /** A {@code simple-user}, with the URLs GitHub gives every user. */
    private void user(ObjectNode o, String name) {
        String login = name.toLowerCase().replace(' ', '-');
        String api = base + "/users/" + login;
        o.put("login", login);
        o.put("id", Math.abs((long) name.hashCode()));
        o.put("node_id", "U_" + Integer.toHexString(name.hashCode()));
        o.put("avatar_url", "https://avatars.githubusercontent.com/u/" + Math.abs(name.hashCode()) + "?v=4");
        o.put("gravatar_id", "");
        o.put("url", api);
        o.put("html_url", "https://github.com/" + login);
        o.put("followers_url", api + "/followers");
        o.put("following_url", api + "/following{/other_user}");
        o.put("gists_url", api + "/gists{/gist_id}");
        o.put("starred_url", api + "/starred{/owner}{/repo}");
        o.put("subscriptions_url", api + "/subscriptions");
        o.put("organizations_url", api + "/orgs");
        o.put("repos_url", api + "/repos");
        o.put("events_url", api + "/events{/privacy}");
        o.put("received_events_url", api + "/received_events");
        o.put("type", "User");
        o.put("user_view_type", "public");
        o.put("site_admin", false);
    }

    private ObjectNode job(CiHistory.Run run, CiHistory.Job j) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", j.id);
        o.put("run_id", run.id);
        o.put("run_url", base + "/repos/" + repo + "/actions/runs/" + run.id);
        o.put("run_attempt", j.attempt);
        o.put("node_id", "CR_" + j.id);
        o.put("head_sha", run.sha);
        o.put("head_branch", run.ref);
        o.put("url", base + "/repos/" + repo + "/actions/jobs/" + j.id);
        o.put("html_url", "https://github.com/" + repo + "/actions/runs/" + run.id + "/job/" + j.id);
        boolean done = j.finished != null;
        o.put("status", done ? "completed" : j.started == null ? "queued" : "in_progress");
        if (done) {
            o.put("conclusion", conclusion(j.status));
        } else {
            o.putNull("conclusion");
        }
        o.put("created_at", iso(j.created));
        o.put("started_at", iso(j.started == null ? j.created : j.started));
        o.put("completed_at", done ? iso(j.finished) : null);
        o.put("name", j.name);
        ArrayNode steps = o.putArray("steps");
        String[] names = {"Set up job", "Run " + j.name, "Complete job"};
        for (int i = 0; i < names.length; i++) {
            ObjectNode s = steps.addObject();
            s.put("name", names[i]);
            s.put("status", done ? "completed" : i == 0 ? "completed" : "in_progress");
            s.put("conclusion", done ? (i == 1 ? conclusion(j.status) : "success") : null);
            s.put("number", i + 1);
            s.put("started_at", iso(j.started == null ? j.created : j.started));
            s.put("completed_at", done ? iso(j.finished) : null);
        }
        o.put("check_run_url", base + "/repos/" + repo + "/check-runs/" + j.id);
        o.putArray("labels").add("ubuntu-latest");
        o.put("runner_id", 1);
        o.put("runner_name", j.runner);
        o.put("runner_group_id", 2);
        o.put("runner_group_name", "GitHub Actions");
        o.put("workflow_name", "CI");
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

    static String conclusion(String neutral) {
        return switch (neutral) {
            case "failed" -> "failure";
            case "canceled" -> "cancelled";
            case "manual" -> "action_required";
            default -> neutral;
        };
    }

    private static String etag(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 32) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis / 1000 * 1000).toString();
    }
}
