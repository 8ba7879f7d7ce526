package dev.braid.app;

import dev.braid.sync.Source;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import java.util.function.Supplier;

/**
 * A syncer made at its first sync. The sync engine knows every kind of source, but a command
 * usually syncs one kind: {@code repo add} never needs the MLflow syncer (and its HTTP client and
 * data binding), {@code mlflow add} never needs JGit.
 */
final class LazySyncer implements SourceSyncer {
    private final String kind;
    private final Lazy<SourceSyncer> syncer;

    LazySyncer(String kind, Supplier<? extends SourceSyncer> maker) {
        this.kind = kind;
        this.syncer = Lazy.of(maker);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws Exception {
        SourceSyncer made = syncer.get();
        if (!made.kind().equals(kind)) {
            throw new IllegalStateException("a syncer for " + made.kind() + " registered as " + kind);
        }
        return made.sync(source, context);
    }
}
