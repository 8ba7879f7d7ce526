package dev.braid.pipelines.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.pipelines.JobData;
import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.ListRequest;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.RunSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Jenkins through its JSON API: a job, or a folder or multibranch job whose jobs are walked
 * ({@code /job/a/job/b}); builds a page at a time with one {@code tree=} query each (number, result,
 * times, the built commit and branch, the cause), Pipeline stages and their timings from
 * {@code wfapi/describe} (a freestyle build is one job), a stage's log or the console text on demand. A run's id is the
 * build number, prefixed by the path of the child job below the source's job ({@code main/12}).
 * Incremental syncs read each job's builds down to the newest number the previous sync saw.
 */
final class JenkinsSource implements RunSource {
    static final int PAGE = 100;
    static final int MAX_DEPTH = 4;
    static final String BUILD_FIELDS = "number,result,building,timestamp,duration,url,displayName,"
            + "actions[lastBuiltRevision[SHA1,branch[name]],causes[_class,shortDescription,userName,upstreamProject,upstreamBuild]]";
    private final CiHttp http;
    private final String root;
    private final Clock clock;

    JenkinsSource(CiHttp http, String root, Clock clock) {
        this.http = http;
        this.root = root;
        this.clock = clock;
    }

    /** {@code a/b} as {@code job/a/job/b/}. */
    static String jobPath(String path) {
        if (path.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String part : path.split("/")) {
            out.append("job/").append(CiJson.encode(part)).append('/');
        }
        return out.toString();
    }

    private String leafUrl(String relative) {
        return jobPath(root) + jobPath(relative);
    }

    /** The jobs that have builds, below the source's job, by path relative to it ("" for the job itself). */
    private List<String> leaves() throws PipelineException {
        List<String> out = new ArrayList<>();
        // Folders count as pages: a server listing folders without end is stopped like a listing.
        walk("", 0, out, http.pages("folders below " + root));
        return out;
    }

    private void walk(String relative, int depth, List<String> out, PageGuard folders) throws PipelineException {
        String path = leafUrl(relative) + "api/json?tree=" + CiJson.encode("_class,name,jobs[name,_class]");
        folders.next(path);
        JsonNode job = http.json(path);
        if (job.has("jobs") && job.get("jobs").isArray()) {
            if (depth >= MAX_DEPTH) {
                return;
            }
            for (JsonNode child : job.get("jobs")) {
                String name = child.path("name").asText();
                walk(relative.isEmpty() ? name : relative + "/" + name, depth + 1, out, folders);
            }
        } else {
            out.add(relative);
        }
    }

    @Override
    public void list(ListRequest request, Consumer<RunData> each) throws PipelineException {
        JsonNode known = request.cursor().path("newest");
        com.fasterxml.jackson.databind.node.ObjectNode newest = request.cursor().putObject("newest");
        for (String leaf : leaves()) {
            long seen = request.full() ? -1 : known.path(leaf).asLong(-1);
            long top = seen;
            PageGuard guard = http.pages("builds of " + (leaf.isEmpty() ? root : root + "/" + leaf));
            for (int from = 0; ; from += PAGE) {
                String path = leafUrl(leaf) + "api/json?tree=" + CiJson.encode("allBuilds[" + BUILD_FIELDS + "]{" + from + ","
                        + (from + PAGE) + "}");
                guard.next(path);
                JsonNode builds = http.json(path).path("allBuilds");
                boolean reachedKnown = false;
                for (JsonNode b : builds) {
                    long number = b.path("number").asLong();
                    top = Math.max(top, number);
                    if (number <= seen) {
                        reachedKnown = true;
                        continue;
                    }
                    each.accept(build(leaf, b));
                }
                if (builds.size() < PAGE || reachedKnown) {
                    break;
                }
            }
            if (top >= 0) {
                newest.put(leaf, top);
            }
        }
    }

    private RunData build(String leaf, JsonNode b) {
        long number = b.path("number").asLong();
        RunData run = new RunData(leaf.isEmpty() ? Long.toString(number) : leaf + "/" + number);
        run.number = number;
        run.pipeline = leaf.isEmpty() ? root : root + "/" + decode(leaf);
        boolean building = b.path("building").asBoolean(false);
        String result = CiJson.text(b, "result");
        run.sourceStatus = building ? "BUILDING" : result;
        run.status = building ? PipelineStatus.RUNNING : status(result);
        run.createdAt = CiJson.number(b, "timestamp");
        run.startedAt = run.createdAt;
        long duration = b.path("duration").asLong(0);
        if (!building && run.startedAt != null) {
            run.durationMs = duration;
            run.finishedAt = run.startedAt + duration;
        }
        run.url = CiJson.text(b, "url");
        for (JsonNode action : b.path("actions")) {
            JsonNode revision = action.path("lastBuiltRevision");
            if (revision.isObject() && run.sha == null) {
                run.sha = CiJson.text(revision, "SHA1");
                JsonNode branches = revision.path("branch");
                if (branches.isArray() && !branches.isEmpty()) {
                    run.ref = branchName(CiJson.text(branches.get(0), "name"));
                }
            }
            for (JsonNode cause : action.path("causes")) {
                if (run.event == null) {
                    run.event = event(CiJson.text(cause, "_class"));
                    run.author = CiJson.text(cause, "userName");
                }
                String upstream = CiJson.text(cause, "upstreamProject");
                if (upstream != null && run.parentRunId == null) {
                    run.parentRunId = parent(upstream, cause.path("upstreamBuild").asLong());
                }
            }
        }
        if (!leaf.isEmpty() && (run.ref == null || run.ref.isEmpty())) {
            // A multibranch job's children are its branches.
            run.ref = decode(leaf.substring(leaf.lastIndexOf('/') + 1));
        }
        run.version = run.sourceStatus + "#" + duration;
        return run;
    }

    /** The upstream build's id in this source, or null when it belongs elsewhere. */
    private String parent(String upstreamProject, long number) {
        String full = decode(upstreamProject);
        String rootName = decode(root);
        if (full.equals(rootName)) {
            return Long.toString(number);
        }
        return full.startsWith(rootName + "/") ? full.substring(rootName.length() + 1) + "/" + number : null;
    }

    private static String branchName(String name) {
        if (name == null) {
            return null;
        }
        return name.replaceFirst("^refs/remotes/[^/]+/", "").replaceFirst("^refs/heads/", "").replaceFirst("^origin/", "");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String event(String causeClass) {
        if (causeClass == null) {
            return null;
        }
        String simple = causeClass.substring(Math.max(causeClass.lastIndexOf('.'), causeClass.lastIndexOf('$')) + 1);
        return switch (simple) {
            case "UserIdCause", "UserCause" -> "manual";
            case "SCMTriggerCause", "BranchEventCause", "GitHubPushCause" -> "push";
            case "TimerTriggerCause" -> "schedule";
            case "UpstreamCause" -> "upstream";
            case "BranchIndexingCause" -> "branch-indexing";
            case "RemoteCause" -> "remote";
            default -> simple;
        };
    }

    @Override
    public RunData details(RunData listed) throws PipelineException {
        String build = buildPath(listed.runId);
        JsonNode describe;
        try {
            describe = http.json(build + "wfapi/describe");
        } catch (PipelineException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            describe = null;
        }
        List<JobData> jobs = new ArrayList<>();
        if (describe == null || !describe.path("stages").isArray() || describe.path("stages").isEmpty()) {
            // A freestyle build (no Pipeline stages): one job, the build itself.
            JobData job = new JobData("build", "build");
            job.status = listed.status;
            job.sourceStatus = listed.sourceStatus;
            job.createdAt = listed.createdAt;
            job.startedAt = listed.startedAt;
            job.finishedAt = listed.finishedAt;
            job.durationMs = listed.durationMs;
            job.url = listed.url;
            jobs.add(job);
        } else {
            String previous = null;
            for (JsonNode s : describe.path("stages")) {
                JobData job = new JobData(s.path("id").asText(), CiJson.text(s, "name"));
                job.kind = "stage";
                job.sourceStatus = CiJson.text(s, "status");
                job.status = stageStatus(job.sourceStatus);
                job.startedAt = CiJson.number(s, "startTimeMillis");
                job.createdAt = job.startedAt;
                Long duration = CiJson.number(s, "durationMillis");
                if (job.status.finished() && job.startedAt != null && duration != null) {
                    job.durationMs = duration;
                    job.finishedAt = job.startedAt + duration;
                }
                job.queuedMs = CiJson.number(s, "queueDurationMillis");
                job.runner = CiJson.text(s, "execNode");
                job.url = listed.url;
                if (previous != null) {
                    // Declarative stages run one after the other; wfapi flattens parallel branches.
                    job.needs.add(previous);
                }
                previous = job.name;
                jobs.add(job);
            }
            Long queued = CiJson.number(describe, "queueDurationMillis");
            if (queued != null) {
                listed.queuedMs = queued;
            }
        }
        listed.jobs = jobs;
        return listed;
    }

    private String buildPath(String runId) {
        int slash = runId.lastIndexOf('/');
        String leaf = slash < 0 ? "" : runId.substring(0, slash);
        return leafUrl(leaf) + runId.substring(slash + 1) + "/";
    }

    @Override
    public Reread reread(String runId, String etag) throws PipelineException {
        try {
            JsonNode b = http.json(buildPath(runId) + "api/json?tree=" + CiJson.encode(BUILD_FIELDS));
            int slash = runId.lastIndexOf('/');
            return Reread.of(details(build(slash < 0 ? "" : runId.substring(0, slash), b)));
        } catch (PipelineException e) {
            if (e.isNotFound()) {
                return Reread.gone();
            }
            throw e;
        }
    }

    /**
     * A stage's own log (its steps' output through the Pipeline REST API, {@link JenkinsStageLog});
     * the console text for a freestyle build's one job, or where the server has no per-node API.
     */
    @Override
    public JobLog log(String runId, String jobId, long capBytes) throws PipelineException {
        String build = buildPath(runId);
        if (!jobId.equals("build")) {
            try {
                String text = new JenkinsStageLog(http).read(build, jobId);
                String kept = JenkinsStageLog.tail(text, capBytes);
                return new JobLog(kept, kept.length() < text.length(), clock.millis());
            } catch (PipelineException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        CiHttp.Response response = http.download(build + "consoleText", capBytes);
        return new JobLog(response.text(), response.truncated(), clock.millis());
    }

    static PipelineStatus status(String result) {
        if (result == null) {
            return PipelineStatus.QUEUED;
        }
        return switch (result) {
            case "SUCCESS" -> PipelineStatus.SUCCESS;
            case "FAILURE", "UNSTABLE" -> PipelineStatus.FAILED;
            case "ABORTED" -> PipelineStatus.CANCELED;
            case "NOT_BUILT" -> PipelineStatus.SKIPPED;
            default -> PipelineStatus.UNKNOWN;
        };
    }

    static PipelineStatus stageStatus(String status) {
        if (status == null) {
            return PipelineStatus.UNKNOWN;
        }
        return switch (status) {
            case "SUCCESS" -> PipelineStatus.SUCCESS;
            case "FAILED", "UNSTABLE" -> PipelineStatus.FAILED;
            case "ABORTED" -> PipelineStatus.CANCELED;
            case "NOT_EXECUTED", "SKIPPED" -> PipelineStatus.SKIPPED;
            case "IN_PROGRESS" -> PipelineStatus.RUNNING;
            case "PAUSED_PENDING_INPUT" -> PipelineStatus.MANUAL;
            case "QUEUED", "NOT_BUILT" -> PipelineStatus.QUEUED;
            default -> PipelineStatus.UNKNOWN;
        };
    }
}
