package dev.braid.pipelines.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.pipelines.JobData;
import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.ListRequest;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.RunSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CircleCI through API v2: a project's pipelines newest first ({@code page-token} pages), each
 * pipeline's workflows and their jobs with dependencies. A run is a pipeline; its jobs are the jobs
 * of all its workflows, each job's stage being its workflow's name, and a workflow run again is a
 * second attempt. Logs come from API v1.1 (v2 has none): the job's steps name their output files.
 */
final class CircleCiSource implements RunSource {
    private final CiHttp v2;
    private final CiHttp v1;
    private final String slug;
    private final Clock clock;

    CircleCiSource(CiHttp v2, CiHttp v1, String slug, Clock clock) {
        this.v2 = v2;
        this.v1 = v1;
        this.slug = slug;
        this.clock = clock;
    }

    @Override
    public void list(ListRequest request, Consumer<RunData> each) throws PipelineException {
        PageGuard guard = v2.pages("pipelines of " + slug);
        String token = null;
        do {
            String path = "project/" + slug + "/pipeline" + (token == null ? "" : "?page-token=" + CiJson.encode(token));
            guard.next(path);
            JsonNode page = v2.json(path);
            boolean older = false;
            for (JsonNode p : page.path("items")) {
                RunData run = pipeline(p);
                each.accept(run);
                older |= !request.full() && run.createdAt != null && run.createdAt < request.since();
            }
            token = older ? null : CiJson.text(page, "next_page_token");
        } while (token != null && !token.isEmpty());
    }

    private RunData pipeline(JsonNode p) {
        RunData run = new RunData(p.path("id").asText());
        run.number = CiJson.number(p, "number");
        run.pipeline = slug;
        run.sourceStatus = CiJson.text(p, "state");
        // A pipeline's state says nothing of its workflows: the status comes with them.
        run.status = "errored".equals(run.sourceStatus) ? PipelineStatus.FAILED : PipelineStatus.UNKNOWN;
        run.createdAt = CiJson.time(p, "created_at");
        JsonNode vcs = p.path("vcs");
        run.sha = CiJson.text(vcs, "revision");
        run.ref = CiJson.text(vcs, "branch") != null ? CiJson.text(vcs, "branch") : CiJson.text(vcs, "tag");
        run.title = CiJson.text(vcs.path("commit"), "subject");
        JsonNode trigger = p.path("trigger");
        run.event = CiJson.text(trigger, "type");
        run.author = CiJson.text(trigger.path("actor"), "login");
        run.url = "https://app.circleci.com/pipelines/" + slug + "/" + run.number;
        run.version = CiJson.text(p, "updated_at");
        return run;
    }

    @Override
    public RunData details(RunData run) throws PipelineException {
        List<JsonNode> workflows = items("pipeline/" + run.runId + "/workflow", "workflows of pipeline " + run.number);
        workflows.sort(java.util.Comparator.comparing(w -> String.valueOf(CiJson.text(w, "created_at"))));
        Map<String, Integer> attempts = new HashMap<>();
        Map<String, JsonNode> latest = new HashMap<>();
        List<JobData> jobs = new ArrayList<>();
        Long started = null;
        Long finished = null;
        for (JsonNode w : workflows) {
            String name = CiJson.text(w, "name");
            int attempt = attempts.merge(name, 1, Integer::sum);
            latest.put(name, w);
            Long created = CiJson.time(w, "created_at");
            started = started == null || created != null && created < started ? created : started;
            Long stopped = CiJson.time(w, "stopped_at");
            finished = finished == null || stopped != null && stopped > finished ? stopped : finished;
            List<JsonNode> raw = items("workflow/" + w.path("id").asText() + "/job", "jobs of workflow " + name);
            Map<String, String> names = new HashMap<>();
            raw.forEach(j -> names.put(j.path("id").asText(), CiJson.text(j, "name")));
            for (JsonNode j : raw) {
                JobData job = new JobData(j.hasNonNull("job_number") ? j.get("job_number").asText() : j.path("id").asText(),
                        CiJson.text(j, "name"));
                job.stage = name;
                job.kind = "approval".equals(CiJson.text(j, "type")) ? "approval" : "job";
                job.sourceStatus = CiJson.text(j, "status");
                job.status = status(job.sourceStatus);
                job.attempt = attempt;
                job.startedAt = CiJson.time(j, "started_at");
                job.finishedAt = CiJson.time(j, "stopped_at");
                job.createdAt = created;
                for (JsonNode dep : j.path("dependencies")) {
                    String needed = names.get(dep.asText());
                    if (needed != null) {
                        job.needs.add(needed);
                    }
                }
                job.url = run.url + "/workflows/" + w.path("id").asText() + (j.hasNonNull("job_number")
                        ? "/jobs/" + j.get("job_number").asText() : "");
                jobs.add(job);
            }
        }
        run.jobs = jobs;
        run.startedAt = started;
        run.status = overall(latest.values(), run.status);
        run.sourceStatus = latest.isEmpty() ? run.sourceStatus : worst(latest.values());
        run.finishedAt = run.status.finished() ? finished : null;
        return run;
    }

    private List<JsonNode> items(String path, String what) throws PipelineException {
        List<JsonNode> out = new ArrayList<>();
        PageGuard guard = v2.pages(what);
        String token = null;
        do {
            String page = path + (token == null ? "" : "?page-token=" + CiJson.encode(token));
            guard.next(page);
            JsonNode answer = v2.json(page);
            answer.path("items").forEach(out::add);
            token = CiJson.text(answer, "next_page_token");
        } while (token != null && !token.isEmpty());
        return out;
    }

    private static final List<String> SEVERITY = List.of("failed", "error", "failing", "unauthorized", "canceled",
            "on_hold", "running", "not_run", "success");

    /** The pipeline's status from its latest workflows: the most telling of theirs. */
    private static PipelineStatus overall(java.util.Collection<JsonNode> workflows, PipelineStatus fallback) {
        return workflows.isEmpty() ? (fallback == PipelineStatus.UNKNOWN ? PipelineStatus.QUEUED : fallback)
                : status(worst(workflows));
    }

    private static String worst(java.util.Collection<JsonNode> workflows) {
        String worst = null;
        for (JsonNode w : workflows) {
            String s = CiJson.text(w, "status");
            int rank = SEVERITY.indexOf(s);
            if (worst == null || rank >= 0 && (SEVERITY.indexOf(worst) < 0 || rank < SEVERITY.indexOf(worst))) {
                worst = s;
            }
        }
        return worst;
    }

    @Override
    public Reread reread(String runId, String etag) throws PipelineException {
        try {
            return Reread.of(details(pipeline(v2.json("pipeline/" + runId))));
        } catch (PipelineException e) {
            if (e.isNotFound()) {
                return Reread.gone();
            }
            throw e;
        }
    }

    @Override
    public JobLog log(String runId, String jobId, long capBytes) throws PipelineException {
        if (!jobId.matches("\\d+")) {
            return new JobLog("(this job has no log: approvals and jobs that never ran have none)", false, clock.millis());
        }
        JsonNode job = v1.json("project/" + slug + "/" + jobId);
        StringBuilder out = new StringBuilder();
        boolean truncated = false;
        for (JsonNode step : job.path("steps")) {
            for (JsonNode action : step.path("actions")) {
                out.append("\u001b[1m").append(CiJson.text(action, "name")).append("\u001b[0m\n");
                String url = CiJson.text(action, "output_url");
                if (url == null) {
                    continue;
                }
                CiHttp.Response response = v1.download(url, capBytes);
                truncated |= response.truncated();
                for (JsonNode line : v1.parse(url, response)) {
                    out.append(CiJson.text(line, "message"));
                }
            }
        }
        String text = out.toString();
        if (text.length() > capBytes) {
            text = text.substring(text.length() - (int) capBytes);
            truncated = true;
        }
        return new JobLog(text, truncated, clock.millis());
    }

    static PipelineStatus status(String word) {
        if (word == null) {
            return PipelineStatus.UNKNOWN;
        }
        return switch (word) {
            case "success" -> PipelineStatus.SUCCESS;
            case "running", "failing" -> PipelineStatus.RUNNING;
            case "failed", "error", "infrastructure_fail", "timedout", "unauthorized", "terminated-unknown", "errored" ->
                    PipelineStatus.FAILED;
            case "canceled", "retried" -> PipelineStatus.CANCELED;
            case "not_run", "skipped" -> PipelineStatus.SKIPPED;
            case "on_hold", "blocked" -> PipelineStatus.MANUAL;
            case "queued", "not_running", "created", "setup-pending", "setup", "pending" -> PipelineStatus.QUEUED;
            default -> PipelineStatus.UNKNOWN;
        };
    }
}
