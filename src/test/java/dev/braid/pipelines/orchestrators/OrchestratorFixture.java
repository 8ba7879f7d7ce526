package dev.braid.pipelines.orchestrators;

import dev.braid.lineage.LineageService;
import dev.braid.pipelines.PipelineFixture;
import dev.braid.pipelines.PipelineLineage;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineSyncer;
import dev.braid.pipelines.RunSources;
import dev.braid.pipelines.ci.CiSources;
import dev.braid.store.Database;
import dev.braid.sync.AfterSync;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncCounts;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real cache with the pipelines and lineage services over it, syncing orchestrators with waits not slept. */
public final class OrchestratorFixture implements AutoCloseable {
    public final Database db;
    public final SourceStore sources;
    public final PipelineService service;
    public final RunSources apis;
    public final LineageService lineage;
    /** Every wait the clients asked for (retry back-off, a rate limit's Retry-After), in order; none is slept. */
    public final List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Clock clock = Clock.systemUTC();

    public OrchestratorFixture(Path dir, Map<String, String> env, Duration timeout) throws Exception {
        this(dir, env, timeout, dev.braid.pipelines.ci.PageGuard.MAX_PAGES, dev.braid.pipelines.ci.CiHttp.Options.STANDARD_BODY_CAP);
    }

    /** With other limits on the pages one listing reads and the size of one answer, for CI and orchestrator sources alike. */
    public OrchestratorFixture(Path dir, Map<String, String> env, Duration timeout, int maxPages, long bodyCap)
            throws Exception {
        this.db = Database.open(dir.resolve("cache.db"));
        this.sources = new SourceStore(db, clock);
        this.apis = PipelineService.runSources(
                CiSources.forTests(env, clock, timeout, (d, stop) -> { }, Duration.ofMinutes(1)).withLimits(maxPages, bodyCap),
                OrchestratorSources.forTests(env, clock, timeout, (d, stop) -> waits.add(d)).withLimits(maxPages, bodyCap));
        this.service = new PipelineService(db, sources, apis, clock, PipelineService.DEFAULT_LOG_CAP_BYTES);
        this.lineage = new LineageService(db, clock);
    }

    /** Syncs {@code source} as the app does: the runs, then the lineage they assert. */
    public SyncCounts sync(Source source) throws Exception {
        PipelineSyncer syncer = new PipelineSyncer(source.kind(), db, sources, apis, clock);
        PipelineLineage derived = new PipelineLineage(db, lineage);
        return AfterSync.then(syncer, "updating lineage", (synced, context) -> derived.rebuild(synced))
                .sync(sources.find(source.id()).orElseThrow(), TestContexts.quiet());
    }

    /** Syncs {@code source} with extra configuration ({@code reconcile_every_ms=0} forces a full listing). */
    public SyncCounts sync(Source source, Map<String, String> extra) throws Exception {
        Source stored = sources.find(source.id()).orElseThrow();
        Map<String, String> config = new java.util.HashMap<>(stored.config());
        config.putAll(extra);
        PipelineSyncer syncer = new PipelineSyncer(source.kind(), db, sources, apis, clock);
        return syncer.sync(new Source(stored.id(), stored.kind(), stored.name(), config, stored.createdAt()),
                TestContexts.quiet());
    }

    public String cursor(Source source) {
        return db.read(c -> sources.cursor(c, source.id()));
    }

    /** Every cached run and job, for comparing two caches. */
    public List<String> snapshot() {
        return PipelineFixture.snapshot(db);
    }

    @Override
    public void close() {
        db.close();
    }
}
