package dev.braid.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.testing.MlflowHarness;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A real MLflow server seeded by the Python client, and a real cache wired to it the way
 * {@code AppContext} wires it, with the server added as a source (not synced yet).
 */
final class MlflowCache implements AutoCloseable {
    final MlflowHarness mlflow;
    final JsonNode seeded;
    final Database db;
    final SourceStore sources;
    final ExperimentService service;
    final RunEditService edits;
    final MlflowSyncer syncer;
    final Source source;

    private MlflowCache(MlflowHarness mlflow, JsonNode seeded, Database db) throws ExperimentException {
        this.mlflow = mlflow;
        this.seeded = seeded;
        this.db = db;
        this.sources = new SourceStore(db, Clock.systemUTC());
        MlflowConnector connector = new MlflowConnector(Map.of(), Duration.ofSeconds(30));
        this.service = new ExperimentService(db, sources, connector, Clock.systemUTC());
        this.edits = new RunEditService(db, sources, connector, Clock.systemUTC());
        this.syncer = new MlflowSyncer(db, sources, connector, Clock.systemUTC(), edits);
        this.source = service.addMlflow(mlflow.uri(), null, null, null, null);
    }

    static MlflowCache start(Path tmp) throws Exception {
        MlflowHarness mlflow = MlflowHarness.start(tmp.resolve("mlflow"));
        Database db = null;
        try {
            JsonNode seeded = mlflow.python("seed");
            db = Database.open(tmp.resolve("cache.db"));
            return new MlflowCache(mlflow, seeded, db);
        } catch (Exception | Error e) {
            if (db != null) {
                db.close();
            }
            mlflow.close();
            throw e;
        }
    }

    @Override
    public void close() {
        db.close();
        mlflow.close();
    }
}
