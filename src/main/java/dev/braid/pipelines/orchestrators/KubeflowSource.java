package dev.braid.pipelines.orchestrators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.pipelines.JobData;
import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.ListRequest;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.RunSource;
import dev.braid.pipelines.ci.CiHttp;
import dev.braid.pipelines.ci.CiJson;
import dev.braid.pipelines.ci.PageGuard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Kubeflow Pipelines runs through the KFP API server's v2beta1 REST API: {@code GET
 * /apis/v2beta1/runs} newest first ({@code sort_by=created_at desc}) a page at a time
 * ({@code page_token}, then {@code next_page_token}), stopping at runs older than the last sync on
 * incremental syncs; each run again ({@code GET /apis/v2beta1/runs/{id}}) for its
 * {@code run_details.task_details}, the nodes of the run's workflow ({@link KubeflowTasks}), and
 * what each task waits for from the run's pipeline spec or its pipeline version's; a task's log
 * from {@code /apis/v1alpha1/runs/{run}/nodes/{pod}/log}, the one log endpoint the API server has.
 */
final class KubeflowSource implements RunSource {
    static final int PAGE = 100;
    private final CiHttp http;
    private final String ui;
    private final java.util.Map<String, JsonNode> specs = new java.util.concurrent.ConcurrentHashMap<>();

    KubeflowSource(CiHttp http, String ui) {
        this.http = http;
        this.ui = ui.endsWith("/") ? ui : ui + "/";
    }

    @Override
    public void list(ListRequest request, Consumer<RunData> each) throws PipelineException {
        String query = "apis/v2beta1/runs?page_size=" + PAGE + "&sort_by=" + CiJson.encode("created_at desc");
        PageGuard guard = http.pages("Kubeflow runs");
        String token = null;
        while (true) {
            String path = query + (token == null ? "" : "&page_token=" + CiJson.encode(token));
            guard.next(path);
            JsonNode page = http.json(path);
            JsonNode runs = page.path("runs");
            boolean older = false;
            for (JsonNode r : runs) {
                RunData run = KubeflowTasks.run(ui, r);
                if (!request.full() && request.since() != null && run.createdAt != null && run.createdAt < request.since()) {
                    // Newest first: every run after this one is older still. Older runs still
                    // going are read again by the syncer, which knows them unfinished.
                    older = true;
                    break;
                }
                each.accept(run);
            }
            token = CiJson.text(page, "next_page_token");
            if (older || token == null || token.isEmpty() || runs.isEmpty()) {
                return;
            }
        }
    }

    @Override
    public RunData details(RunData listed) throws PipelineException {
        return withTasks(http.json("apis/v2beta1/runs/" + CiJson.encode(listed.runId)));
    }

    private RunData withTasks(JsonNode r) throws PipelineException {
        RunData run = KubeflowTasks.run(ui, r);
        JsonNode spec = spec(r);
        String name = CiJson.text(spec.path("pipelineInfo"), "name");
        if (name != null) {
            run.pipeline = name;
        }
        if (spec.isObject()) {
            run.definitionHash = dev.braid.pipelines.definitions.KubeflowSpecDigest.of(spec);
        }
        List<JobData> jobs = new ArrayList<>(KubeflowTasks.tasks(r, spec));
        jobs.sort(Comparator.comparing((JobData j) -> j.startedAt == null ? Long.MAX_VALUE : j.startedAt)
                .thenComparing(j -> j.name).thenComparingInt(j -> j.attempt));
        run.jobs = jobs;
        return run;
    }

    /**
     * The pipeline spec of a run: its own when it carries one, else its pipeline version's
     * ({@code GET /apis/v2beta1/pipelines/{id}/versions/{version}}, read once per version and sync).
     */
    private JsonNode spec(JsonNode r) throws PipelineException {
        if (r.path("pipeline_spec").isObject()) {
            return r.get("pipeline_spec");
        }
        String pipeline = CiJson.text(r.path("pipeline_version_reference"), "pipeline_id");
        String version = CiJson.text(r.path("pipeline_version_reference"), "pipeline_version_id");
        if (pipeline == null || version == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        String key = pipeline + "/" + version;
        JsonNode known = specs.get(key);
        if (known != null) {
            return known;
        }
        JsonNode spec;
        try {
            spec = http.json("apis/v2beta1/pipelines/" + CiJson.encode(pipeline) + "/versions/" + CiJson.encode(version))
                    .path("pipeline_spec");
        } catch (PipelineException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            spec = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        specs.put(key, spec);
        return spec;
    }

    @Override
    public Reread reread(String runId, String etag) throws PipelineException {
        try {
            return Reread.of(withTasks(http.json("apis/v2beta1/runs/" + CiJson.encode(runId))));
        } catch (PipelineException e) {
            if (e.isNotFound()) {
                return Reread.gone();
            }
            throw e;
        }
    }

    @Override
    public JobLog log(String runId, String jobId, long capBytes) throws PipelineException {
        CiHttp.Response response;
        try {
            response = http.download("apis/v1alpha1/runs/" + CiJson.encode(runId) + "/nodes/" + CiJson.encode(jobId)
                    + "/log", capBytes, "text/plain");
        } catch (PipelineException e) {
            if (e.isNotFound()) {
                throw PipelineException.notFound(http.where() + " has no log of " + jobId + " (the API server reads"
                        + " logs from the cluster while the pod exists, or from the log archive when one is configured).");
            }
            throw e;
        }
        return new JobLog(response.text(), response.truncated(), System.currentTimeMillis());
    }
}
