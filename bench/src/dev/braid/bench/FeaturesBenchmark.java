package dev.braid.bench;

import dev.braid.features.FeatureCatalogService;
import dev.braid.features.FeatureUsageService;
import dev.braid.features.FeatureViewListing;
import dev.braid.features.ViewFilter;
import dev.braid.features.registry.FeastSyncer;
import dev.braid.features.usage.UsageStore;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.testing.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Features (issue 12, §8): a first sync of a Feast file registry of VIEWS feature views x FEATURES
 * features, each with VERSIONS versions in Feast's version history, against Feast's own
 * {@code feast registry-dump} of the same file measured in the same run (the whole process, as a
 * user runs it; Braid's sync is timed inside its JVM, cold, and its whole process is reported too);
 * then catalogue search and used-by over RUNS MLflow runs that name one view's version.
 * Usage: FeaturesBenchmark WORK_DIR VIEWS FEATURES VERSIONS RUNS FEAST_BIN
 */
public final class FeaturesBenchmark {
    private FeaturesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long processStart = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
        Path work = Path.of(args[0]);
        int views = Integer.parseInt(args[1]);
        int features = Integer.parseInt(args[2]);
        int versions = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        String feast = args[5];
        Files.createDirectories(work);
        Path registry = work.resolve("repo/data/registry.db");
        long g = System.nanoTime();
        FeastRegistryGenerator.write(registry, views, features, versions);
        System.out.printf("registry: %d feature views x %d features, %d versions each: %.1f MB, written in %.1f s%n",
                views, features, versions, Files.size(registry) / 1e6, (System.nanoTime() - g) / 1e9);

        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(work.resolve("cache.db"))) {
            SourceStore sources = new SourceStore(db, clock);
            FeatureCatalogService catalogue = new FeatureCatalogService(db, sources);
            Source source = catalogue.addRegistry(registry.toString(), "bench", null, null);
            FeastSyncer syncer = new FeastSyncer(db, sources, clock, Map.of());
            long t0 = System.nanoTime();
            var counts = syncer.sync(source, TestContexts.quiet());
            double braid = (System.nanoTime() - t0) / 1e9;
            double braidProcess = (System.currentTimeMillis() - processStart) / 1e3;
            int stored = db.read(c -> {
                try (var st = c.prepareStatement("SELECT count(*) FROM feature_view_versions"); var rs = st.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : -1;
                }
            });
            System.out.printf("braid first sync, cold JVM: %.2f s (%s; %d versions stored); whole process so far %.2f s%n",
                    braid, counts, stored, braidProcess);
            long t1 = System.nanoTime();
            syncer.sync(sources.find(source.id()).orElseThrow(), TestContexts.quiet());
            System.out.printf("braid sync with nothing new: %.2f s%n", (System.nanoTime() - t1) / 1e9);

            List<Double> dumps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                dumps.add(feastDump(feast, work.resolve("repo")));
            }
            double best = dumps.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            System.out.printf("feast registry-dump of the same file (whole process): %s s; best %.2f s%n", dumps, best);
            System.out.printf("ratio: braid's sync %.2fx feast registry-dump's time (whole process %.2fx)%n",
                    braid / best, braidProcess / best);

            System.out.printf("search \"view_%d\" over %d views: median %.2f ms of 21%n", views - 1, views,
                    median(() -> catalogue.listings(ViewFilter.search("view_" + (views - 1))).size()));
            System.out.printf("search \"team-7\" (tag/owner): median %.2f ms of 21 (%d views)%n",
                    median(() -> catalogue.listings(ViewFilter.search("team-7")).size()),
                    catalogue.listings(ViewFilter.search("team-7")).size());

            addRuns(db, sources, runs, versions);
            long t2 = System.nanoTime();
            int uses = db.write(c -> new UsageStore().rebuild(c));
            System.out.printf("linking %d runs to feature versions: %.2f s (%d uses)%n", runs, (System.nanoTime() - t2) / 1e9, uses);
            FeatureUsageService usage = new FeatureUsageService(db, catalogue);
            FeatureViewListing used = catalogue.listings(ViewFilter.search("view_7")).stream()
                    .filter(l -> l.name().equals("view_7")).findFirst().orElseThrow();
            int found = usage.usedBy(used.viewPk(), null).size();
            System.out.printf("used-by view_7 (%d consuming runs): median %.2f ms of 21%n", found,
                    median(() -> usage.usedBy(used.viewPk(), null).size()));
        }
    }

    /** RUNS MLflow runs of one source, each naming {@code view_7@vK} in a {@code feast.feature_views} param. */
    private static void addRuns(Database db, SourceStore sources, int runs, int versions) {
        db.write(c -> {
            Source mlflow = sources.insert(c, "mlflow", "bench-mlflow", Map.of("url", "http://127.0.0.1:5000"));
            try (PreparedStatement e = c.prepareStatement("INSERT INTO experiments(source_id, experiment_id, name) VALUES (?, '1', 'bench')")) {
                e.setLong(1, mlflow.id());
                e.executeUpdate();
            }
            try (PreparedStatement r = c.prepareStatement("INSERT INTO runs(run_pk, source_id, run_id, experiment_id, run_name, status,"
                    + " start_time, synced_at) VALUES (?, ?, ?, '1', ?, 'FINISHED', ?, 0)");
                 PreparedStatement p = c.prepareStatement("INSERT INTO run_params(run_pk, key, value) VALUES (?, 'feast.feature_views', ?)")) {
                for (int i = 0; i < runs; i++) {
                    long pk = 1_000_000L + i;
                    r.setLong(1, pk);
                    r.setLong(2, mlflow.id());
                    r.setString(3, String.format("%032x", i));
                    r.setString(4, "run-" + i);
                    r.setLong(5, 1_767_225_600_000L + i * 60_000L);
                    r.addBatch();
                    p.setLong(1, pk);
                    p.setString(2, "view_7@v" + (1 + i % versions));
                    p.addBatch();
                }
                r.executeBatch();
                p.executeBatch();
            }
            return null;
        });
    }

    private static double feastDump(String feast, Path repo) throws Exception {
        Files.writeString(repo.resolve("feature_store.yaml"), """
                project: bench
                registry: data/registry.db
                provider: local
                online_store:
                  type: sqlite
                  path: data/online.db
                entity_key_serialization_version: 3
                """);
        long t = System.nanoTime();
        Process p = new ProcessBuilder(feast, "-c", repo.toString(), "registry-dump")
                .redirectOutput(repo.resolve("dump.json").toFile()).redirectError(repo.resolve("dump.err").toFile()).start();
        int rc = p.waitFor();
        double s = (System.nanoTime() - t) / 1e9;
        if (rc != 0) {
            throw new IllegalStateException("feast registry-dump failed (" + rc + "): " + Files.readString(repo.resolve("dump.err")));
        }
        return s;
    }

    private static double median(Callable<Integer> work) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long t = System.nanoTime();
            work.call();
            times.add((System.nanoTime() - t) / 1e6);
        }
        times.sort(null);
        return times.get(10);
    }
}
