package dev.braid.bench;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.demo.DemoService;
import dev.braid.demo.DemoWorkspace;
import dev.braid.lineage.OpenLineageIngest;
import dev.braid.sync.SyncContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kills each sync kind at random points and checks what is left. For every kind (a 20,000-commit
 * git repository, the demo's MLflow store, an import of 12,000 OpenLineage events) it syncs a copy
 * of a cache that has the source but no data yet to the end, once, and records the result. Then,
 * {@code kills} times: a fresh copy, a child process that syncs it, SIGKILL at a random moment of
 * the sync (uniform over 1.1 times the uninterrupted sync's length, measured from the moment the
 * child starts syncing), then on the killed file: SQLite's integrity check, a check that readers
 * see no half sync (git and MLflow: all or nothing; OpenLineage: whole batches of
 * {@value OpenLineageIngest#BATCH} events), and a sync resumed to the end whose result must equal
 * the uninterrupted one. Prints one line per kind; exits 1 when anything differed.
 *
 * <p>Usage: {@code CrashBenchmark WORK_DIR KILLS [KINDS]} with KINDS a comma list of
 * {@code git,mlflow,openlineage} (default all). Every tenth kill prints the counts so far.
 */
public final class CrashBenchmark {
    private static final long SEED = 20261206L;
    private static final int COMMITS = 20_000;
    private static final int EVENTS = 12_000;
    private final Path work;
    private final Path inputs;

    private CrashBenchmark(Path work) {
        this.work = work;
        this.inputs = work.resolve("inputs");
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int kills = Integer.parseInt(args[1]);
        List<String> kinds = List.of((args.length > 2 ? args[2] : "git,mlflow,openlineage").split(","));
        // Kills before this one are drawn and skipped, so a run stopped early can be continued with new kill points.
        int from = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        CrashBenchmark bench = new CrashBenchmark(work);
        bench.prepareInputs();
        System.out.printf("%-12s %6s %9s %10s %10s %12s %10s %12s%n", "kind", "kills", "mid-sync", "integrity",
                "half-seen", "final-diff", "sync-ms", "rows");
        boolean failed = false;
        for (String kind : kinds) {
            failed |= bench.run(kind.strip(), from, kills);
        }
        System.exit(failed ? 1 : 0);
    }

    /** Kills one kind's sync at kill points {@code from} to {@code kills - 1}; true when anything was wrong. */
    private boolean run(String kind, int from, int kills) throws Exception {
        // One sequence of kill points per kind, so that kinds run alone or side by side get the same ones.
        Random random = new Random(SEED + kind.hashCode());
        Path base = base(kind);
        Path clean = fresh(kind + "-clean", base);
        Child reference = Child.start(kind, clean, input(kind));
        reference.awaitSyncing();
        long started = System.nanoTime();
        reference.awaitExit(600);
        long syncNanos = System.nanoTime() - started;
        Snapshot expected = Snapshot.of(kind, clean.resolve("cache.db"));
        if (!reference.done()) {
            throw new IllegalStateException(kind + ": the uninterrupted sync did not finish: " + reference.output());
        }
        System.out.printf("  %s: the uninterrupted sync took %d ms and left %d rows%n", kind, syncNanos / 1_000_000,
                expected.rows());
        int midSync = 0;
        int integrityFailures = 0;
        int halfSeen = 0;
        int finalDiffs = 0;
        for (int i = 0; i < from; i++) {
            random.nextDouble();
        }
        for (int i = from; i < kills; i++) {
            Path data = fresh(kind + "-killed", base);
            Child child = Child.start(kind, data, input(kind));
            child.awaitSyncing();
            long delay = (long) (random.nextDouble() * 1.1 * syncNanos);
            TimeUnit.NANOSECONDS.sleep(delay);
            child.kill();
            if (!child.done()) {
                midSync++;
            }
            String integrity = integrity(data.resolve("cache.db"));
            if (!integrity.equals("ok")) {
                integrityFailures++;
                System.out.println("  " + kind + " kill " + i + " after " + delay / 1_000_000 + " ms: integrity_check: " + integrity);
            }
            Snapshot killed = Snapshot.of(kind, data.resolve("cache.db"));
            if (!killed.wholeSyncs(expected)) {
                halfSeen++;
                System.out.println("  " + kind + " kill " + i + " after " + delay / 1_000_000 + " ms: readers see "
                        + killed.rows() + " of " + expected.rows() + " rows");
            }
            Child resumed = Child.start(kind, data, input(kind));
            resumed.awaitExit(600);
            Snapshot end = Snapshot.of(kind, data.resolve("cache.db"));
            if (!end.equals(expected)) {
                finalDiffs++;
                System.out.println("  " + kind + " kill " + i + " after " + delay / 1_000_000 + " ms: resumed sync ended with "
                        + end.rows() + " rows, digest " + end.digest() + " (uninterrupted: " + expected.rows() + ", "
                        + expected.digest() + "); " + resumed.output());
            }
            if ((i + 1) % 10 == 0 && i + 1 < kills) {
                System.out.printf("  %s: %d kills so far, %d mid-sync, %d integrity, %d half-seen, %d final-diff%n", kind,
                        i + 1, midSync, integrityFailures, halfSeen, finalDiffs);
            }
        }
        System.out.printf("%-12s %6d %9d %10d %10d %12d %10d %12d%n", kind, kills - from, midSync, integrityFailures, halfSeen,
                finalDiffs, syncNanos / 1_000_000, expected.rows());
        return integrityFailures + halfSeen + finalDiffs > 0;
    }

    private Path input(String kind) {
        return kind.equals("openlineage") ? inputs.resolve("events.jsonl") : inputs;
    }

    /** The git repository, the demo's MLflow store and the events file, made once and reused. */
    private void prepareInputs() throws Exception {
        Path repo = inputs.resolve("repo");
        if (!Files.isDirectory(repo.resolve(".git"))) {
            System.out.println("== generating a " + COMMITS + "-commit repository (once)");
            Files.createDirectories(repo);
            exec(repo, "git", "init", "-q", "-b", "main");
            Process importer = new ProcessBuilder("git", "-C", repo.toString(), "fast-import", "--quiet")
                    .redirectErrorStream(true).start();
            try (OutputStream in = importer.getOutputStream()) {
                new HistoryGenerator(3, 1_420_070_400L, in).write(COMMITS, false);
            }
            if (importer.waitFor() != 0) {
                throw new IOException("git fast-import failed: " + new String(importer.getInputStream().readAllBytes()));
            }
            exec(repo, "git", "checkout", "-q", "-f", "main");
        }
        Path mlruns = inputs.resolve("demo-mlruns");
        if (!Files.isDirectory(mlruns)) {
            System.out.println("== writing the demo workspace and its MLflow store (once)");
            Path scratch = work.resolve("scratch");
            deleteTree(scratch);
            try (AppContext app = AppContext.open(new DataDirectories(scratch, scratch.resolve("config")), Clock.systemUTC())) {
                new DemoService(app.repositories(), new DemoWorkspace(), app.experiments(), null, null)
                        .open(inputs.resolve("demo"), QUIET);
            }
            deleteTree(scratch);
        }
        Path events = inputs.resolve("events.jsonl");
        if (!Files.exists(events)) {
            System.out.println("== generating " + EVENTS + " OpenLineage events (once)");
            new LineageEventsGenerator().write(events, EVENTS, 0, 0);
        }
    }

    /** A cache with the kind's source added and nothing synced. */
    private Path base(String kind) throws Exception {
        Path base = work.resolve(kind + "-base");
        deleteTree(base);
        try (AppContext app = AppContext.open(new DataDirectories(base, base.resolve("config")), Clock.systemUTC())) {
            switch (kind) {
                case "git" -> app.repositories().add(inputs.resolve("repo").toString(), "crash", QUIET);
                case "mlflow" -> app.experiments().addMlflow(inputs.resolve("demo-mlruns").toString(), "crash", null, null, null);
                case "openlineage" -> { }
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            }
        }
        return base;
    }

    private Path fresh(String name, Path base) throws IOException {
        Path data = work.resolve(name);
        deleteTree(data);
        Files.createDirectories(data);
        Files.copy(base.resolve("cache.db"), data.resolve("cache.db"), StandardCopyOption.COPY_ATTRIBUTES);
        return data;
    }

    private static String integrity(Path cache) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cache); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(out.length() == 0 ? "" : "; ").append(rs.getString(1));
            }
            return out.toString();
        }
    }

    private static void exec(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final SyncContext QUIET = new SyncContext() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** A syncing child process and what it printed. */
    private static final class Child {
        private final Process process;
        private final CountDownLatch syncing = new CountDownLatch(1);
        private final StringBuilder output = new StringBuilder();
        private volatile boolean done;

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(this::read, "crash-child-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(String kind, Path data, Path input) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), kind,
                    data.toString(), input.toString()));
            return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.equals("syncing")) {
                        syncing.countDown();
                    } else if (line.startsWith("done ")) {
                        done = true;
                    }
                }
            } catch (IOException e) {
                // The process was killed.
            }
            syncing.countDown();
        }

        void awaitSyncing() throws InterruptedException {
            if (!syncing.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the child never started syncing: " + output());
            }
        }

        void awaitExit(int seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the child did not finish in " + seconds + " s: " + output());
            }
            // Let the reader see the last line.
            Thread.sleep(50);
        }

        /** SIGKILL: no shutdown hooks, no closing of anything. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
            Thread.sleep(50);
        }

        boolean done() {
            return done;
        }

        String output() {
            synchronized (output) {
                return output.toString().strip();
            }
        }
    }

    /**
     * What readers of one kind's tables see: a digest of every row of each query, and how many
     * rows. The last query of git and MLflow reads the lineage edges the sync derives afterwards,
     * in a transaction of its own (ADR 8, 9): a kill between the two leaves the previous edges.
     */
    private record Snapshot(String kind, List<String> digests, List<Long> counts) {
        static final com.fasterxml.jackson.databind.ObjectMapper SORTED = new com.fasterxml.jackson.databind.ObjectMapper()
                .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        static final List<String> GIT = List.of(
                "SELECT c.hash, c.parents, c.sort_key, c.subject FROM commits c JOIN repositories r ON r.source_id = c.repo_id"
                        + " WHERE c.id <= r.published_id ORDER BY c.sort_key DESC, c.hash",
                "SELECT name, kind, target FROM refs ORDER BY name",
                "SELECT from_id, to_id, kind, asserted_by, asserted_at FROM lineage_edges ORDER BY 1, 2, 3, 4");
        static final List<String> MLFLOW = List.of(
                "SELECT run_id, experiment_id, run_name, status, start_time, end_time, lifecycle_stage FROM runs ORDER BY run_id",
                "SELECT r.run_id, p.key, p.value FROM run_params p JOIN runs r USING (run_pk) ORDER BY 1, 2",
                "SELECT r.run_id, m.key, m.value, m.step FROM run_metrics m JOIN runs r USING (run_pk) ORDER BY 1, 2",
                "SELECT r.run_id, t.key, t.value FROM run_tags t JOIN runs r USING (run_pk) ORDER BY 1, 2",
                "SELECT name, version, run_id, status FROM model_versions ORDER BY 1, 2",
                "SELECT name, alias, version FROM model_aliases ORDER BY 1, 2",
                "SELECT model_id, name, source_run_id FROM logged_models ORDER BY 1",
                "SELECT from_id, to_id, kind, asserted_by, asserted_at FROM lineage_edges ORDER BY 1, 2, 3, 4");
        static final List<String> OPENLINEAGE = List.of(
                "SELECT hash FROM lineage_events ORDER BY hash",
                "SELECT id, kind, name, status, status_at, properties FROM lineage_nodes ORDER BY id",
                "SELECT from_id, to_id, kind, asserted_by, asserted_at, properties FROM lineage_edges ORDER BY 1, 2, 3, 4",
                "SELECT dataset_id, field, input_dataset_id, input_field, transformation FROM lineage_columns ORDER BY 1, 2, 3, 4");

        static Snapshot of(String kind, Path cache) throws Exception {
            List<String> queries = switch (kind) {
                case "git" -> GIT;
                case "mlflow" -> MLFLOW;
                default -> OPENLINEAGE;
            };
            List<String> digests = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cache); Statement st = c.createStatement()) {
                for (String query : queries) {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    long rows = 0;
                    try (ResultSet rs = st.executeQuery(query)) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                String value = String.valueOf(rs.getString(i));
                                if (meta.getColumnName(i).equals("properties")) {
                                    // A map's JSON keys come in the order of the JVM's hashing, which differs per run.
                                    value = SORTED.writeValueAsString(SORTED.readValue(value, java.util.TreeMap.class));
                                }
                                sha.update(value.getBytes(StandardCharsets.UTF_8));
                                sha.update((byte) 0);
                            }
                            rows++;
                        }
                    }
                    digests.add(HexFormat.of().formatHex(sha.digest()).substring(0, 12));
                    counts.add(rows);
                }
            }
            return new Snapshot(kind, digests, counts);
        }

        long rows() {
            return counts.stream().mapToLong(Long::longValue).sum();
        }

        String digest() {
            return String.join("/", digests);
        }

        /**
         * Whether readers see only whole syncs: the data nothing or all of it, and the derived edges
         * nothing or all of them (git, MLflow); whole batches of events (OpenLineage: a count of
         * events that is a multiple of the batch, or all of them).
         */
        boolean wholeSyncs(Snapshot complete) {
            if (kind.equals("openlineage")) {
                long events = counts.get(0);
                return events == complete.counts().get(0) || events % OpenLineageIngest.BATCH == 0;
            }
            int edges = counts.size() - 1;
            boolean dataNone = counts.subList(0, edges).stream().allMatch(n -> n == 0);
            boolean dataAll = digests.subList(0, edges).equals(complete.digests().subList(0, edges));
            boolean edgesNoneOrAll = counts.get(edges) == 0 || digests.get(edges).equals(complete.digests().get(edges));
            return (dataNone || dataAll) && edgesNoneOrAll && !(dataNone && counts.get(edges) > 0);
        }
    }
}
