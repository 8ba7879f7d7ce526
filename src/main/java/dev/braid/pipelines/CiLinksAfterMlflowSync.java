package dev.braid.pipelines;

import dev.braid.sync.AfterSync;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs after an MLflow sync ({@link AfterSync}): each pipeline source's job → MLflow run edges are
 * derived again, so an MLflow run synced after the CI job that started it still hangs under that
 * job. One source's failed rebuild is logged and keeps its previous edges; the others still run.
 */
public final class CiLinksAfterMlflowSync implements AfterSync.Step {
    private static final Logger LOG = Logger.getLogger(CiLinksAfterMlflowSync.class.getName());
    private final SourceStore sources;
    private final PipelineLineage lineage;

    public CiLinksAfterMlflowSync(SourceStore sources, PipelineLineage lineage) {
        this.sources = sources;
        this.lineage = lineage;
    }

    @Override
    public void after(Source mlflow, SyncContext context) {
        for (Source pipelines : sources.list()) {
            if (!PipelineService.KINDS.contains(pipelines.kind())) {
                continue;
            }
            try {
                context.progress(-1, "linking MLflow runs to the jobs of " + pipelines.name());
                lineage.rebuildMlflowLinks(pipelines);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not link MLflow runs to the jobs of " + pipelines.name(), e);
            }
        }
    }
}
