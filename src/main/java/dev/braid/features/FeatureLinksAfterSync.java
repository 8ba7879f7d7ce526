package dev.braid.features;

import dev.braid.sync.Source;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wraps a syncer (a Feast registry's, an MLflow source's) so that after each successful sync the
 * feature uses and feature lineage are derived again ({@link FeatureLinks}). A failed rebuild is
 * logged and leaves the previous links; it never fails the sync.
 */
public final class FeatureLinksAfterSync implements SourceSyncer {
    private static final Logger LOG = Logger.getLogger(FeatureLinksAfterSync.class.getName());
    private final SourceSyncer inner;
    private final FeatureLinks links;

    public FeatureLinksAfterSync(SourceSyncer inner, FeatureLinks links) {
        this.inner = inner;
        this.links = links;
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws Exception {
        SyncCounts counts = inner.sync(source, context);
        try {
            context.progress(-1, "linking features to runs");
            links.rebuild();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not link features after syncing " + source.name(), e);
        }
        return counts;
    }
}
