package dev.braid.bench;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.lineage.ImportReport;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The process {@link CrashBenchmark} kills: opens a cache and runs one sync of one kind to the end
 * ({@code git} and {@code mlflow}: the source named {@code crash}, through the sync engine;
 * {@code openlineage}: an import of one file). Prints {@code syncing} when the sync starts and
 * {@code done} when it has finished, so the harness knows where its kill landed.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path data = Path.of(args[1]);
        try (AppContext app = AppContext.open(new DataDirectories(data, data.resolve("config")), Clock.systemUTC())) {
            String outcome;
            if (kind.equals("openlineage")) {
                announce();
                ImportReport report = app.openLineageImporter().importPaths(List.of(Path.of(args[2])));
                outcome = report.problems().isEmpty() ? "SUCCEEDED " + report.added() : "FAILED " + report.problems().get(0);
            } else {
                Source source = app.sources().findByName("crash").orElseThrow();
                announce();
                SyncRun run = app.syncEngine().start(source, SyncListener.NONE).result().get();
                outcome = run.outcome() + (run.error() == null ? "" : " " + run.error());
            }
            System.out.println("done " + outcome);
            System.out.flush();
        }
    }

    private static void announce() {
        System.out.println("syncing");
        System.out.flush();
    }
}
