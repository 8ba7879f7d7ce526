package dev.braid.experiments;

import dev.braid.experiments.wandb.WandbGraphql;
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
    private final Clock clock;
    private final Secrets secrets;
    private final Map<String, String> env;
    private final WandbGraphql.Options options;
    private final WandbRunWriter writer;

    WandbServerSyncer(Database db, SourceStore sources, Clock clock, Secrets secrets, Map<String, String> env,
                      WandbGraphql.Options options) {
        this.writer = new WandbRunWriter(db, sources);
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
        Map<String, String> seenBefore = writer.seenBefore(source.id());
        context.progress(-1, "listing the runs of " + entity + "/" + project);
        List<WandbServer.RunStamp> listed = server.runs();
        Map<String, String> seenNow = new TreeMap<>();
        List<WandbRunWriter.Read> read = new ArrayList<>();
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
            read.add(new WandbRunWriter.Read(run.run(), entity, run.state(), run.used()));
            seenNow.put(stamp.name(), stamp.stamp());
        }
        context.progress(-1, "saving " + read.size() + " runs");
        return writer.write(source.id(), read, keep, seenNow, clock.millis());
    }
}
