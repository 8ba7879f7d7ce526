package dev.braid.pipelines.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.pipelines.JobData;
import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.JobStep;
import dev.braid.pipelines.ListRequest;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.RunSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions through the REST API: a repository's workflow runs, their jobs and steps with every
 * attempt ({@code filter=all}), logs through the redirect to their download. An incremental sync
 * asks for the newest page with its ETag (a 304 costs no rate limit, and means nothing new) and
 * reads on until runs older than the previous sync; runs still going are read again with their own
 * ETags. A full sync walks {@code created} time windows, halving any window that holds more than the
 * 1,000 results a filtered query returns.
 */
final class GitHubSource implements RunSource {
    static final int PER_PAGE = 100;
    static final int SEARCH_LIMIT = 1_000;
    /** Before GitHub Actions existed: the first window of a full sync starts here. */
    static final long EPOCH = 1_514_764_800_000L; // 2018-01-01
    private static final Logger LOG = Logger.getLogger(GitHubSource.class.getName());
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private final CiHttp http;
    private final String repo;
    private final Clock clock;

    GitHubSource(CiHttp http, String repo, Clock clock) {
        this.http = http;
        this.repo = repo;
        this.clock = clock;
    }

    private String runs() {
        return "repos/" + repo + "/actions/runs";
    }

    @Override
    public void list(ListRequest request, Consumer<RunData> each) throws PipelineException {
        if (request.full()) {
            // The newest page's ETag, so that the next (incremental) sync can ask whether anything changed.
            // One guard over every time window: a server whose windows never shrink below the
            // search limit would otherwise be split and asked for ever.
            PageGuard guard = http.pages("workflow runs of " + repo);
            guard.next(runs() + "?per_page=" + PER_PAGE);
            CiHttp.Response newest = http.get(runs() + "?per_page=" + PER_PAGE, null);
            window(EPOCH, clock.millis() + 86_400_000L, each, guard);
            if (newest.header("ETag") != null) {
                request.cursor().put("list_etag", newest.header("ETag"));
            }
            return;
        }
        String etag = request.cursor().path("list_etag").asText(null);
        String path = runs() + "?per_page=" + PER_PAGE;
        PageGuard guard = http.pages("workflow runs of " + repo);
        boolean first = true;
        while (path != null) {
            guard.next(path);
            CiHttp.Response response = http.get(path, first ? etag : null);
            if (response.notModified()) {
                return;
            }
            if (first && response.header("ETag") != null) {
                request.cursor().put("list_etag", response.header("ETag"));
            }
            first = false;
            boolean older = false;
            for (JsonNode run : runsOf(path, response)) {
                RunData data = run(run);
                each.accept(data);
                older |= data.createdAt != null && data.createdAt < request.since();
            }
            path = older ? null : next(response);
        }
    }

    /** Lists the runs created in [from, to), splitting the window while it holds more than a query returns. */
    private void window(long from, long to, Consumer<RunData> each, PageGuard guard) throws PipelineException {
        String range = CiJson.iso(from).replaceAll("\\.\\d+Z$", "Z") + ".." + CiJson.iso(to - 1000).replaceAll("\\.\\d+Z$", "Z");
        String path = runs() + "?per_page=" + PER_PAGE + "&created=" + CiJson.encode(range);
        guard.next(path);
        CiHttp.Response response = http.get(path, null);
        JsonNode page = http.parse(path, response);
        long total = page.path("total_count").asLong(0);
        if (total > SEARCH_LIMIT && to - from > 2_000) {
            long middle = from + (to - from) / 2 / 1000 * 1000;
            window(middle, to, each, guard);
            window(from, middle, each, guard);
            return;
        }
        if (total > SEARCH_LIMIT) {
            LOG.warning(repo + ": more than " + SEARCH_LIMIT + " runs within one second; some are not listed");
        }
        while (true) {
            for (JsonNode run : page.path("workflow_runs")) {
                each.accept(run(run));
            }
            String next = next(response);
            if (next == null) {
                return;
            }
            guard.next(next);
            response = http.get(next, null);
            page = http.parse(next, response);
        }
    }

    private JsonNode runsOf(String path, CiHttp.Response response) throws PipelineException {
        JsonNode page = http.parse(path, response);
        JsonNode list = page.path("workflow_runs");
        if (!list.isArray()) {
            throw PipelineException.permanent(http.where() + " did not answer /actions/runs with workflow_runs", null);
        }
        return list;
    }

    private static String next(CiHttp.Response response) {
        String link = response.header("Link");
        if (link == null) {
            return null;
        }
        Matcher m = NEXT.matcher(link);
        return m.find() ? m.group(1) : null;
    }

    static RunData run(JsonNode r) {
        RunData run = new RunData(r.path("id").asText());
        run.number = CiJson.number(r, "run_number");
        run.pipeline = CiJson.text(r, "name");
        run.sourceStatus = "completed".equals(CiJson.text(r, "status")) ? CiJson.text(r, "conclusion") : CiJson.text(r, "status");
        run.status = status(CiJson.text(r, "status"), CiJson.text(r, "conclusion"));
        run.ref = CiJson.text(r, "head_branch");
        run.sha = CiJson.text(r, "head_sha");
        run.event = CiJson.text(r, "event");
        JsonNode commit = r.path("head_commit");
        run.title = commit.isObject() ? CiJson.subject(CiJson.text(commit, "message")) : CiJson.text(r, "display_title");
        run.author = commit.isObject() ? CiJson.text(commit.path("author"), "name") : CiJson.text(r.path("actor"), "login");
        run.createdAt = CiJson.time(r, "created_at");
        run.startedAt = CiJson.time(r, "run_started_at");
        run.finishedAt = run.status.finished() ? CiJson.time(r, "updated_at") : null;
        run.attempt = (int) (long) java.util.Objects.requireNonNullElse(CiJson.number(r, "run_attempt"), 1L);
        run.url = CiJson.text(r, "html_url");
        run.version = CiJson.text(r, "updated_at") + "#" + run.attempt;
        return run;
    }

    @Override
    public RunData details(RunData listed) throws PipelineException {
        List<JobData> jobs = new ArrayList<>();
        String path = runs() + "/" + listed.runId + "/jobs?filter=all&per_page=" + PER_PAGE;
        PageGuard guard = http.pages("jobs of run " + listed.runId);
        while (path != null) {
            guard.next(path);
            CiHttp.Response response = http.get(path, null);
            for (JsonNode j : http.parse(path, response).path("jobs")) {
                jobs.add(job(j));
            }
            path = next(response);
        }
        jobs.sort(java.util.Comparator.comparingInt((JobData j) -> j.attempt).thenComparing(j -> j.createdAt == null ? 0 : j.createdAt)
                .thenComparing(j -> Long.parseLong(j.jobId)));
        listed.jobs = jobs;
        return listed;
    }

    private static JobData job(JsonNode j) {
        JobData job = new JobData(j.path("id").asText(), CiJson.text(j, "name"));
        String status = CiJson.text(j, "status");
        String conclusion = CiJson.text(j, "conclusion");
        job.sourceStatus = "completed".equals(status) ? conclusion : status;
        job.status = status(status, conclusion);
        job.createdAt = CiJson.time(j, "created_at");
        job.startedAt = CiJson.time(j, "started_at");
        job.finishedAt = CiJson.time(j, "completed_at");
        job.attempt = (int) (long) java.util.Objects.requireNonNullElse(CiJson.number(j, "run_attempt"), 1L);
        job.runner = CiJson.text(j, "runner_name");
        job.url = CiJson.text(j, "html_url");
        for (JsonNode s : j.path("steps")) {
            String st = CiJson.text(s, "status");
            String sc = CiJson.text(s, "conclusion");
            job.steps.add(new JobStep(CiJson.text(s, "name"), status(st, sc), "completed".equals(st) ? sc : st,
                    CiJson.time(s, "started_at"), CiJson.time(s, "completed_at")));
        }
        return job;
    }

    @Override
    public Reread reread(String runId, String etag) throws PipelineException {
        String path = runs() + "/" + runId;
        CiHttp.Response response;
        try {
            response = http.get(path, etag);
        } catch (PipelineException e) {
            if (e.isNotFound()) {
                return Reread.gone();
            }
            throw e;
        }
        if (response.notModified()) {
            return Reread.notModified();
        }
        RunData run = run(http.parse(path, response));
        run.etag = response.header("ETag");
        return Reread.of(details(run));
    }

    @Override
    public JobLog log(String runId, String jobId, long capBytes) throws PipelineException {
        CiHttp.Response response = http.download("repos/" + repo + "/actions/jobs/" + jobId + "/logs", capBytes);
        return new JobLog(response.text(), response.truncated(), clock.millis());
    }

    static PipelineStatus status(String status, String conclusion) {
        if (status == null) {
            return PipelineStatus.UNKNOWN;
        }
        if (!status.equals("completed")) {
            return switch (status) {
                case "in_progress" -> PipelineStatus.RUNNING;
                case "waiting", "action_required" -> PipelineStatus.MANUAL;
                case "queued", "requested", "pending" -> PipelineStatus.QUEUED;
                default -> PipelineStatus.UNKNOWN;
            };
        }
        if (conclusion == null) {
            return PipelineStatus.UNKNOWN;
        }
        return switch (conclusion) {
            case "success", "neutral" -> PipelineStatus.SUCCESS;
            case "failure", "timed_out", "startup_failure" -> PipelineStatus.FAILED;
            case "cancelled", "stale" -> PipelineStatus.CANCELED;
            case "skipped" -> PipelineStatus.SKIPPED;
            case "action_required" -> PipelineStatus.MANUAL;
            default -> PipelineStatus.UNKNOWN;
        };
    }
}
