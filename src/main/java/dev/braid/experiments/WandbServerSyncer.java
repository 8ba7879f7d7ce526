package dev.braid.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.experiments.wandb.WandbGraphql;
import dev.braid.experiments.wandb.WandbRun;
import dev.braid.experiments.wandb.WandbServer;
import dev.braid.store.Database;
import dev.braid.sync.Secrets;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Syncs one project of a W&B server (ADR 23) into the same tables as a folder of W&B runs: lists
 * every run (name, state, heartbeat), reads in full only the runs whose state or heartbeat
 * changed since the last sync (config, summary, full history, logged and used artifact versions),
 * and removes runs the server no longer lists. Everything is read before anything is written, and
 * written in one transaction with the new cursor: a sync that fails part way (401, 5xx after its
 * retries, a rate limit it cannot wait out, a broken answer) leaves the cache as it was.
 */
final class WandbServerSyncer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final SourceStore sources;
    private final Clock clock;
    private final Secrets secrets;
    private final Map<String, String> env;
    private final WandbGraphql.Options options;
    private final ExperimentStore store = new ExperimentStore();
    private final MetricHistoryStore histories = new MetricHistoryStore();

    WandbServerSyncer(Database db, SourceStore sources, Clock clock, Secrets secrets, Map<String, String> env,
                      WandbGraphql.Options options) {
        this.db = db;
        this.sources = sources;
        this.clock = clock;
        this.secrets = secrets;
        this.env = env;
        this.options = options;
    }

    SyncCounts sync(Source source, SyncContext context) throws Exception {
        String url = source.config(ExperimentService.WANDB_URL);
        String entity = source.config(ExperimentService.WANDB_ENTITY);
        String project = source.config(ExperimentService.WANDB_PROJECT);
        String keyEnv = source.config(ExperimentService.WANDB_KEY_ENV);
        String key = secrets.fromEnvironment(env, keyEnv);
        if (keyEnv != null && (key == null || key.isBlank())) {
            throw SyncFailure.permanent("the environment variable " + keyEnv + " that should hold the W&B API key of "
                    + source.name() + " is not set", null);
        }
        WandbGraphql api = new WandbGraphql(URI.create(url), key == null || key.isBlank() ? null : key,
                "the API key from $" + keyEnv, secrets, options, context::isCancelled, m -> context.progress(-1, m));
        WandbServer server = new WandbServer(api, entity, project, context::isCancelled);
        Map<String, String> seenBefore = db.read(c -> parseCursor(sources.cursor(c, source.id())));
        context.progress(-1, "listing the runs of " + entity + "/" + project);
        List<WandbServer.RunStamp> listed = server.runs();
        Map<String, String> seenNow = new TreeMap<>();
        List<WandbServer.ServerRun> read = new ArrayList<>();
        Set<String> keep = new HashSet<>();
        int done = 0;
        for (WandbServer.RunStamp stamp : listed) {
            context.checkCancelled();
            keep.add(stamp.name());
            if (stamp.stamp().equals(seenBefore.get(stamp.name()))) {
                seenNow.put(stamp.name(), stamp.stamp());
                continue;
            }
            context.progress((double) done++ / listed.size(), "reading run " + stamp.name());
            WandbServer.ServerRun run = server.run(stamp.name());
            if (run == null) {
                keep.remove(stamp.name()); // deleted between the listing and now
                continue;
            }
            read.add(run);
            seenNow.put(stamp.name(), stamp.stamp());
        }
        context.progress(-1, "saving " + read.size() + " runs");
        long now = clock.millis();
        String cursor = JSON.writeValueAsString(seenNow);
        return db.write(c -> {
            long added = 0;
            long changed = 0;
            Set<String> experiments = new HashSet<>();
            try (StatementCache statements = new StatementCache(c)) {
                for (WandbServer.ServerRun server1 : read) {
                    WandbRun run = server1.run();
                    String experimentId = WandbRuns.experimentId(run);
                    if (experiments.add(experimentId)) {
                        store.upsertExperiment(c, new Experiment(source.id(), experimentId, experimentId, null, "active",
                                null, null, Map.of("wandb.entity", entity)));
                    }
                    Long existing = ExperimentStore.runPk(c, source.id(), run.runId());
                    store.upsertRun(statements, source.id(), WandbRuns.toRemote(run, server1.state()), now, existing);
                    long pk = ExperimentStore.runPk(c, source.id(), run.runId());
                    WandbArtifacts.replace(c, pk, run, server1.used());
                    for (Map.Entry<String, List<WandbRun.WandbPoint>> h : run.history().entrySet()) {
                        histories.save(c, pk, h.getKey(), h.getValue().stream()
                                .map(p -> new MetricPoint(p.step(), p.timestamp(), p.value())).toList(), now);
                    }
                    if (existing == null) {
                        added++;
                    } else {
                        changed++;
                    }
                }
            }
            long removed = store.removeRunsExcept(c, source.id(), keep);
            removed += store.removeExperimentsExcept(c, source.id(), WandbSyncer.experimentsWithRuns(c, source.id()));
            sources.saveCursor(c, source.id(), cursor);
            return new SyncCounts(added, changed, removed);
        });
    }

    private static Map<String, String> parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank() || !cursor.strip().startsWith("{")) {
            return Map.of();
        }
        try {
            return JSON.readValue(cursor, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of(); // an unreadable cursor only means every run is read again
        }
    }
}
