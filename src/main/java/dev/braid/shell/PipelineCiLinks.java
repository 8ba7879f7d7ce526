package dev.braid.shell;

import dev.braid.experiments.ui.CiRunLinks;
import dev.braid.pipelines.CiJobRef;
import dev.braid.pipelines.PipelineService;
import java.util.List;
import java.util.function.Consumer;

/**
 * MLflow runs' CI jobs as the pipelines service reads them from the lineage graph; {@code opener}
 * shows a job in the Pipelines view.
 */
public final class PipelineCiLinks implements CiRunLinks {
    private final PipelineService pipelines;
    private final Consumer<Job> opener;

    public PipelineCiLinks(PipelineService pipelines, Consumer<Job> opener) {
        this.pipelines = pipelines;
        this.opener = opener;
    }

    @Override
    public List<Job> jobsThatLogged(long sourceId, String runId) {
        return pipelines.jobsThatLogged(sourceId, runId).stream().map(PipelineCiLinks::job).toList();
    }

    @Override
    public void open(Job job) {
        opener.accept(job);
    }

    private static Job job(CiJobRef ref) {
        return new Job(ref.describe(), ref.jobStatus().word(), ref.source(), ref.runId(), ref.jobId(), ref.inferred());
    }
}
