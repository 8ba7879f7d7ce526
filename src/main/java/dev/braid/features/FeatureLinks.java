package dev.braid.features;

import dev.braid.features.usage.UsageStore;
import dev.braid.lineage.LineageService;
import dev.braid.store.Database;
import java.time.Clock;

/**
 * Keeps what joins features to everything else current: which runs used which version
 * ({@code feature_uses}) and the lineage the catalogue asserts. Both are functions of the cache,
 * derived again after every sync of a Feast registry or an MLflow source (a new version changes
 * which version an unpinned run used; a new run may name features).
 */
public final class FeatureLinks {
    private final Database db;
    private final LineageService lineage;
    private final Clock clock;
    private final UsageStore uses = new UsageStore();
    private final FeatureLineage edges = new FeatureLineage();

    public FeatureLinks(Database db, LineageService lineage, Clock clock) {
        this.db = db;
        this.lineage = lineage;
        this.clock = clock;
    }

    /** Derives uses and lineage again, each replaced in one transaction; returns how many uses there are. */
    public int rebuild() {
        int count = db.write(uses::rebuild);
        lineage.replace(FeatureLineage.ASSERTED_BY, db.read(c -> edges.derive(c, clock.instant())));
        return count;
    }
}
