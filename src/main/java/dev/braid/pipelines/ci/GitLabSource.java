package dev.braid.pipelines.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.pipelines.JobData;
import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.ListRequest;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.RunSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * GitLab CI through REST v4: a project's pipelines ({@code updated_after} for incremental syncs,
 * 100 a page, {@code X-Next-Page}), each pipeline's jobs with retried attempts
 * ({@code include_retried=true}) and its bridges to child and downstream pipelines, job logs from
 * {@code /jobs/:id/trace}. The jobs API has no {@code needs}: the DAG comes from the stages (or from
 * the project's {@code .gitlab-ci.yml} where the repository is indexed).
 */
final class GitLabSource implements RunSource {
    static final int PER_PAGE = 100;
    private final CiHttp http;
    private final String project;
    private final String encoded;

    GitLabSource(CiHttp http, String project) {
        this.http = http;
        this.project = project;
        this.encoded = CiJson.encode(project);
    }

    @Override
    public void list(ListRequest request, Consumer<RunData> each) throws PipelineException {
        String query = "projects/" + encoded + "/pipelines?per_page=" + PER_PAGE
                + (request.full() ? "&order_by=id&sort=desc" : "&order_by=updated_at&sort=desc&updated_after="
                + CiJson.iso(request.since()));
        PageGuard guard = http.pages("pipelines of " + project);
        String page = "1";
        while (page != null && !page.isBlank()) {
            String path = query + "&page=" + page;
            guard.next(path);
            CiHttp.Response response = http.get(path, null);
            JsonNode items = http.parse(path, response);
            if (!items.isArray()) {
                throw PipelineException.permanent(http.where() + " did not answer /pipelines with a list", null);
            }
            for (JsonNode item : items) {
                each.accept(summary(item));
            }
            page = response.header("X-Next-Page");
            if (page == null && items.size() == PER_PAGE) {
                // Very large listings drop the page headers; a full page means there may be more.
                page = Integer.toString(Integer.parseInt(response.header("X-Page") == null
                        ? pageOf(path) : response.header("X-Page")) + 1);
            }
        }
    }

    private static String pageOf(String path) {
        return path.substring(path.lastIndexOf("page=") + 5);
    }

    private RunData summary(JsonNode p) {
        RunData run = new RunData(p.path("id").asText());
        run.number = CiJson.number(p, "iid");
        run.status = status(CiJson.text(p, "status"));
        run.sourceStatus = CiJson.text(p, "status");
        run.ref = CiJson.text(p, "ref");
        run.sha = CiJson.text(p, "sha");
        run.event = CiJson.text(p, "source");
        run.createdAt = CiJson.time(p, "created_at");
        run.url = CiJson.text(p, "web_url");
        run.pipeline = project;
        run.version = CiJson.text(p, "updated_at");
        return run;
    }

    @Override
    public RunData details(RunData listed) throws PipelineException {
        JsonNode p = http.json("projects/" + encoded + "/pipelines/" + listed.runId);
        return withJobs(p);
    }

    private RunData withJobs(JsonNode p) throws PipelineException {
        RunData run = summary(p);
        run.startedAt = CiJson.time(p, "started_at");
        run.finishedAt = CiJson.time(p, "finished_at");
        run.durationMs = CiJson.seconds(p, "duration");
        run.queuedMs = CiJson.seconds(p, "queued_duration");
        JsonNode user = p.path("user");
        run.author = CiJson.text(user, "name");
        List<JsonNode> jobs = pages("projects/" + encoded + "/pipelines/" + run.runId + "/jobs?include_retried=true&per_page="
                + PER_PAGE, "jobs of pipeline " + run.runId);
        List<JsonNode> bridges = pages("projects/" + encoded + "/pipelines/" + run.runId + "/bridges?per_page=" + PER_PAGE,
                "bridges of pipeline " + run.runId);
        List<JobData> all = new ArrayList<>();
        for (JsonNode j : jobs) {
            all.add(job(j));
            JsonNode commit = j.path("commit");
            if (run.title == null && commit.isObject()) {
                run.title = CiJson.text(commit, "title");
                run.author = CiJson.text(commit, "author_name") != null ? CiJson.text(commit, "author_name") : run.author;
            }
        }
        for (JsonNode b : bridges) {
            JobData bridge = job(b);
            bridge.kind = "bridge";
            JsonNode downstream = b.path("downstream_pipeline");
            if (downstream.isObject()) {
                bridge.downstreamId = CiJson.text(downstream, "id");
                bridge.downstreamProject = CiJson.text(downstream, "project_id");
                bridge.downstreamUrl = CiJson.text(downstream, "web_url");
                bridge.downstreamStatus = CiJson.text(downstream, "status");
            }
            all.add(bridge);
        }
        // GitLab lists jobs newest first; the cache keeps them in the order they ran.
        all.sort(Comparator.comparingLong((JobData j) -> Long.parseLong(j.jobId)));
        numberAttempts(all);
        run.jobs = all;
        return run;
    }

    /** Attempts of one job share stage and name; they count up in id order. */
    private static void numberAttempts(List<JobData> jobs) {
        Map<String, Integer> seen = new HashMap<>();
        for (JobData job : jobs) {
            job.attempt = seen.merge(job.stage + "\n" + job.name, 1, Integer::sum);
        }
    }

    private static JobData job(JsonNode j) {
        JobData job = new JobData(j.path("id").asText(), CiJson.text(j, "name"));
        job.stage = CiJson.text(j, "stage");
        job.sourceStatus = CiJson.text(j, "status");
        job.status = status(job.sourceStatus);
        job.createdAt = CiJson.time(j, "created_at");
        job.startedAt = CiJson.time(j, "started_at");
        job.finishedAt = CiJson.time(j, "finished_at");
        job.durationMs = CiJson.seconds(j, "duration");
        job.queuedMs = CiJson.seconds(j, "queued_duration");
        job.allowFailure = j.path("allow_failure").asBoolean(false);
        job.retried = j.path("retried").asBoolean(false);
        job.url = CiJson.text(j, "web_url");
        JsonNode runner = j.path("runner");
        job.runner = runner.isObject() ? CiJson.text(runner, "description") : null;
        return job;
    }

    private List<JsonNode> pages(String query, String what) throws PipelineException {
        List<JsonNode> out = new ArrayList<>();
        PageGuard guard = http.pages(what);
        String page = "1";
        while (page != null && !page.isBlank()) {
            String path = query + "&page=" + page;
            guard.next(path);
            CiHttp.Response response = http.get(path, null);
            JsonNode items = http.parse(path, response);
            items.forEach(out::add);
            page = response.header("X-Next-Page");
        }
        return out;
    }

    @Override
    public Reread reread(String runId, String etag) throws PipelineException {
        try {
            return Reread.of(withJobs(http.json("projects/" + encoded + "/pipelines/" + runId)));
        } catch (PipelineException e) {
            if (e.isNotFound()) {
                return Reread.gone();
            }
            throw e;
        }
    }

    @Override
    public JobLog log(String runId, String jobId, long capBytes) throws PipelineException {
        CiHttp.Response response = http.download("projects/" + encoded + "/jobs/" + jobId + "/trace", capBytes);
        return new JobLog(response.text(), response.truncated(), System.currentTimeMillis());
    }

    static PipelineStatus status(String word) {
        if (word == null) {
            return PipelineStatus.UNKNOWN;
        }
        return switch (word) {
            case "created", "waiting_for_resource", "preparing", "pending", "scheduled", "waiting_for_callback" ->
                    PipelineStatus.QUEUED;
            case "running" -> PipelineStatus.RUNNING;
            case "success" -> PipelineStatus.SUCCESS;
            case "failed" -> PipelineStatus.FAILED;
            case "canceled", "canceling" -> PipelineStatus.CANCELED;
            case "skipped" -> PipelineStatus.SKIPPED;
            case "manual" -> PipelineStatus.MANUAL;
            default -> PipelineStatus.UNKNOWN;
        };
    }
}
