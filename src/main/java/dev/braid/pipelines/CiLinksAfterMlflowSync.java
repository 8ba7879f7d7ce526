package dev.braid.pipelines;

import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wraps an MLflow syncer so that, after every sync, each pipeline source's job → MLflow run edges
 * are derived again: an MLflow run synced after the CI job that started it still hangs under that
 * job. A failed rebuild is logged and keeps the previous edges; it never fails the sync.
 */
public final class CiLinksAfterMlflowSync implements SourceSyncer {
    private static final Logger LOG = Logger.getLogger(CiLinksAfterMlflowSync.class.getName());
    private final SourceSyncer inner;
    private final SourceStore sources;
    private final PipelineLineage lineage;

    public CiLinksAfterMlflowSync(SourceSyncer inner, SourceStore sources, PipelineLineage lineage) {
        this.inner = inner;
        this.sources = sources;
        this.lineage = lineage;
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws Exception {
        SyncCounts counts = inner.sync(source, context);
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
        return counts;
    }
}
