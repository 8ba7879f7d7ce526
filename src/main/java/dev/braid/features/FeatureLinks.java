package dev.braid.features;

import dev.braid.features.git.FeatureProvenance;
import dev.braid.features.usage.UsageStore;
import dev.braid.lineage.LineageService;
import dev.braid.store.Database;
import java.time.Clock;

/**
 * Keeps what joins features to everything else current: the commits that introduced each version
 * ({@code feature_version_commits}), which runs used which version ({@code feature_uses}) and the
 * lineage the catalogue asserts. All are functions of the cache, derived again after every sync of
 * a Feast registry, an MLflow source or a repository holding a feature repository (a new version
 * changes which version an unpinned run used; a new run may name features; a new commit may be a
 * version's provenance).
 */
public final class FeatureLinks {
    private final Database db;
    private final LineageService lineage;
    private final Clock clock;
    private final UsageStore uses = new UsageStore();
    private final FeatureLineage edges = new FeatureLineage();
    private final FeatureProvenance provenance = new FeatureProvenance();

    public FeatureLinks(Database db, LineageService lineage, Clock clock) {
        this.db = db;
        this.lineage = lineage;
        this.clock = clock;
    }

    /**
     * Derives provenance, uses and lineage again (two transactions); returns how many uses there are.
     * One rebuild at a time: each reads the cache when it starts, so the last to run (after the last
     * sync) leaves links that agree with everything synced.
     */
    public synchronized int rebuild() {
        int count = db.write(c -> {
            provenance.rebuild(c);
            return uses.rebuild(c);
        });
        lineage.replace(FeatureLineage.ASSERTED_BY, db.read(c -> edges.derive(c, clock.instant())));
        return count;
    }
}
