package dev.braid.sync;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A syncer followed by a step that derives something again from what it cached (lineage, feature
 * links, CI links). The step runs after every sync that did not throw; a step that fails is logged
 * and leaves what it derived before, and never fails the sync itself: the cached data is sound.
 */
public final class AfterSync implements SourceSyncer {
    private static final Logger LOG = Logger.getLogger(AfterSync.class.getName());
    private final SourceSyncer inner;
    private final String doing;
    private final Step step;

    /** What runs after a sync of {@code source}. */
    @FunctionalInterface
    public interface Step {
        void after(Source source, SyncContext context);
    }

    private AfterSync(SourceSyncer inner, String doing, Step step) {
        this.inner = inner;
        this.doing = doing;
        this.step = step;
    }

    /**
     * {@code inner}, then {@code step}.
     *
     * @param doing what the step does, as the sync's progress shows it ("updating lineage")
     */
    public static SourceSyncer then(SourceSyncer inner, String doing, Step step) {
        return new AfterSync(inner, doing, step);
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws Exception {
        SyncCounts counts = inner.sync(source, context);
        try {
            context.progress(-1, doing);
            step.after(source, context);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, doing + " after syncing " + source.name() + " failed", e);
        }
        return counts;
    }
}
