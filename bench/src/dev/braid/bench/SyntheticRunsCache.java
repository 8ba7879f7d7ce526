package dev.braid.bench;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.sync.Source;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Adds an MLflow source holding {@link SyntheticRuns} (10,020 runs) to a data folder, so that the
 * whole-process benchmark's {@code runs list} reads a cache shaped like a synced server's.
 *
 * <pre>java dev.braid.bench.SyntheticRunsCache DATA_DIR</pre>
 */
public final class SyntheticRunsCache {
    private SyntheticRunsCache() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        try (AppContext app = AppContext.open(new DataDirectories(data, data.resolve("config")), Clock.systemUTC())) {
            Source source = app.experiments().addMlflow("http://127.0.0.1:9", "bench-runs", null, null, null);
            System.out.println(SyntheticRuns.write(app.database(), source.id(), System.currentTimeMillis()) + " runs");
        }
    }
}
