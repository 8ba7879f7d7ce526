package dev.braid.features;

import dev.braid.features.registry.FeastSyncer;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncCounts;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** A real cache with the feature catalogue wired as {@code AppContext} wires it. */
final class FeatureCache implements AutoCloseable {
    final Database db;
    final SourceStore sources;
    final FeatureCatalogService catalogue;
    final FeastSyncer syncer;

    FeatureCache(Path file) throws Exception {
        this.db = Database.open(file);
        this.sources = new SourceStore(db, Clock.systemUTC());
        this.catalogue = new FeatureCatalogService(db, sources);
        this.syncer = new FeastSyncer(db, sources, Clock.systemUTC(), Map.of());
    }

    Source add(String urlOrPath, String name) throws FeatureException {
        return catalogue.addRegistry(urlOrPath, name, null, null);
    }

    SyncCounts sync(Source source) throws Exception {
        return syncer.sync(sources.find(source.id()).orElseThrow(), TestContexts.quiet());
    }

    @Override
    public void close() {
        db.close();
    }
}
