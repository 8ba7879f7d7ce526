package dev.braid.lineage;

import dev.braid.sync.Source;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wraps a source's syncer so that, after every successful sync, the lineage that source asserts
 * is derived again from what the sync cached (ADR 8, ADR 9): the sync engine runs it like any
 * syncer. A failed rebuild is logged and leaves the previous edges; it never fails the sync itself.
 */
public final class LineageAfterSync implements SourceSyncer {
    private static final Logger LOG = Logger.getLogger(LineageAfterSync.class.getName());
    private final SourceSyncer inner;
    private final LineageService lineage;
    private final FollowUp followUp;

    /** What else derives from an MLflow source's runs once its own edges are rebuilt (the DVC join, ADR 9). */
    @FunctionalInterface
    public interface FollowUp {
        FollowUp NONE = source -> { };

        void mlflowSynced(Source source);
    }

    /** Rebuilds the MLflow edges of the sources {@code inner} syncs. */
    public LineageAfterSync(SourceSyncer inner, LineageService lineage) {
        this(inner, lineage, FollowUp.NONE);
    }

    /** Rebuilds the MLflow edges of the sources {@code inner} syncs, then runs {@code followUp}. */
    public LineageAfterSync(SourceSyncer inner, LineageService lineage, FollowUp followUp) {
        this.inner = inner;
        this.lineage = lineage;
        this.followUp = followUp;
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
            lineage.rebuildMlflow(source);
            followUp.mlflowSynced(source);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not update the lineage of " + source.name(), e);
        }
        return counts;
    }
}
