package dev.braid.lineage;

import dev.braid.sync.AfterSync;
import dev.braid.sync.Source;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;

/**
 * The step after every MLflow sync that derives the lineage the source asserts again from what the
 * sync cached (ADR 8), then what else stands on those edges (the DVC join, ADR 9). It runs as an
 * {@link AfterSync} step, so a failed rebuild is logged, keeps the previous edges and never fails
 * the sync itself.
 */
public final class MlflowLineageStep implements AfterSync.Step {
    private final LineageService lineage;
    private final FollowUp followUp;

    /** What else derives from an MLflow source's runs once its own edges are rebuilt (the DVC join, ADR 9). */
    @FunctionalInterface
    public interface FollowUp {
        FollowUp NONE = source -> { };

        void mlflowSynced(Source source);
    }

    /** Rebuilds the MLflow edges of the synced source, then runs {@code followUp}. */
    public MlflowLineageStep(LineageService lineage, FollowUp followUp) {
        this.lineage = lineage;
        this.followUp = followUp;
    }

    /** {@code inner}, then the MLflow lineage of each source it synced, with no follow-up. */
    public static SourceSyncer after(SourceSyncer inner, LineageService lineage) {
        return after(inner, lineage, FollowUp.NONE);
    }

    /** {@code inner}, then the MLflow lineage of each source it synced, then {@code followUp}. */
    public static SourceSyncer after(SourceSyncer inner, LineageService lineage, FollowUp followUp) {
        return AfterSync.then(inner, "updating lineage", new MlflowLineageStep(lineage, followUp));
    }

    @Override
    public void after(Source source, SyncContext context) {
        lineage.rebuildMlflow(source);
        followUp.mlflowSynced(source);
    }
}
