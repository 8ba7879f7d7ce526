package dev.braid.pipelines;

import dev.braid.pipelines.ci.CiSources;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncCounts;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real cache with the pipelines services over it, syncing from replay servers with waits recorded, not slept. */
public final class PipelineFixture implements AutoCloseable {
    public final Database db;
    public final SourceStore sources;
    public final PipelineService service;
    public final CiSources apis;
    public final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public PipelineFixture(Path dir, Map<String, String> env) throws Exception {
        this(dir, env, Duration.ofSeconds(5), Duration.ofMinutes(10));
    }

    public PipelineFixture(Path dir, Map<String, String> env, Duration timeout, Duration maxRateWait) throws Exception {
        this(dir, env, timeout, maxRateWait, false);
    }

    /** With {@code realWaits}, waits are slept as well as recorded (rate limits that must really reset). */
    public PipelineFixture(Path dir, Map<String, String> env, Duration timeout, Duration maxRateWait, boolean realWaits)
            throws Exception {
        this.clock = Clock.systemUTC();
        this.db = Database.open(dir.resolve("cache.db"));
        this.sources = new SourceStore(db, clock);
        this.apis = CiSources.forTests(env, clock, timeout, (d, stop) -> {
            waits.add(d);
            if (realWaits) {
                dev.braid.sync.Sleeper.REAL.sleep(d, stop);
            }
        }, maxRateWait);
        this.service = new PipelineService(db, sources, apis, clock, PipelineService.DEFAULT_LOG_CAP_BYTES);
    }

    public PipelineSyncer syncer(String kind) {
        return new PipelineSyncer(kind, db, sources, apis, clock);
    }

    public SyncCounts sync(Source source) throws Exception {
        return syncer(source.kind()).sync(sources.find(source.id()).orElseThrow(), TestContexts.quiet());
    }

    /** A source with extra configuration (reconcile intervals, timeouts) the service's add methods do not offer. */
    public Source withConfig(Source source, Map<String, String> extra) {
        java.util.Map<String, String> config = new java.util.HashMap<>(source.config());
        config.putAll(extra);
        return new Source(source.id(), source.kind(), source.name(), config, source.createdAt());
    }

    public SyncCounts sync(Source source, Map<String, String> extra) throws Exception {
        return syncer(source.kind()).sync(withConfig(sources.find(source.id()).orElseThrow(), extra), TestContexts.quiet());
    }

    public long runCount() {
        return db.read(c -> new PipelineStore().runCount(c));
    }

    public String cursor(Source source) {
        return db.read(c -> sources.cursor(c, source.id()));
    }

    /** Every cached run and job with everything but Braid's own row keys, in a stable order. */
    public List<String> snapshot() {
        return snapshot(db);
    }

    public static List<String> snapshot(Database db) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT " + PipelineStore.RUN_COLUMNS.replace("etag, ", "")
                        + " FROM pipeline_runs ORDER BY source_id, run_id")) {
                    out.addAll(rows(rs));
                }
                try (ResultSet rs = st.executeQuery("SELECT r.run_id, " + prefixed(PipelineStore.JOB_COLUMNS)
                        + " FROM pipeline_jobs j JOIN pipeline_runs r ON r.run_pk = j.run_pk ORDER BY r.source_id, r.run_id, j.job_id")) {
                    out.addAll(rows(rs));
                }
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pipeline_runs_staged")) {
                    rs.next();
                    out.add("staged " + rs.getLong(1));
                }
            }
            return out;
        });
    }

    private static String prefixed(String columns) {
        return String.join(", ", java.util.Arrays.stream(columns.split(",\\s*")).map(c -> "j." + c).toList());
    }

    private static List<String> rows(ResultSet rs) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                row.append(rs.getString(i)).append('|');
            }
            out.add(row.toString());
        }
        return out;
    }

    @Override
    public void close() {
        db.close();
    }
}
