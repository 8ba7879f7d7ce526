package dev.braid.pipelines;

import dev.braid.sync.Source;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wraps a pipeline syncer so that, after every successful sync, the source's lineage (commit →
 * run → job → MLflow run) is derived again. A failed rebuild is logged and keeps the previous
 * edges; it never fails the sync.
 */
public final class PipelineLineageAfterSync implements SourceSyncer {
    private static final Logger LOG = Logger.getLogger(PipelineLineageAfterSync.class.getName());
    private final SourceSyncer inner;
    private final PipelineLineage lineage;

    public PipelineLineageAfterSync(SourceSyncer inner, PipelineLineage lineage) {
        this.inner = inner;
        this.lineage = lineage;
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws Exception {
        SyncCounts counts = inner.sync(source, context);
        try {
            context.progress(-1, "updating lineage");
            lineage.rebuild(source);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not update the lineage of " + source.name(), e);
        }
        return counts;
    }
}
