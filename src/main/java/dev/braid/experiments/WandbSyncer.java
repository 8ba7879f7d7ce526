package dev.braid.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.experiments.wandb.WandbFolders;
import dev.braid.experiments.wandb.WandbFormatException;
import dev.braid.experiments.wandb.WandbRun;
import dev.braid.experiments.wandb.WandbRunReader;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Syncs a folder of W&B run folders (ADR 23) into the same tables as MLflow's runs: every run
 * with its config, summary and full metric history (the log holds it all, so histories are cached
 * at once, never fetched later). A run folder whose log did not change since the last sync (same
 * size and time) is not read again. A log that cannot be read is reported as a warning and its
 * cached run is kept; runs whose folders went are removed. Everything is written in one
 * transaction with the new cursor, so a failed sync leaves the cache as it was.
 */
public final class WandbSyncer implements SourceSyncer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final SourceStore sources;
    private final Clock clock;
    private final ExperimentStore store = new ExperimentStore();
    private final MetricHistoryStore histories = new MetricHistoryStore();
    private final WandbRunReader reader = new WandbRunReader();
    private final WandbServerSyncer server;

    /** A syncer for folders only: a server source fails with a clear message (no key can be read). */
    public WandbSyncer(Database db, SourceStore sources, Clock clock) {
        this(db, sources, clock, new dev.braid.sync.Secrets(), Map.of(), dev.braid.experiments.wandb.WandbGraphql.Options.standard());
    }

    /**
     * A syncer for folders of runs and for W&B servers ({@code url} in the source's config), whose
     * API key is read from {@code env} and registered with {@code secrets}.
     */
    public WandbSyncer(Database db, SourceStore sources, Clock clock, dev.braid.sync.Secrets secrets, Map<String, String> env,
                       dev.braid.experiments.wandb.WandbGraphql.Options options) {
        this.db = db;
        this.sources = sources;
        this.clock = clock;
        this.server = new WandbServerSyncer(db, sources, clock, secrets, env, options);
    }

    @Override
    public String kind() {
        return ExperimentService.WANDB_KIND;
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws Exception {
        if (source.config(ExperimentService.WANDB_URL) != null) {
            return server.sync(source, context);
        }
        Path root = Path.of(source.config(ExperimentService.WANDB_PATH));
        List<Path> folders;
        try {
            folders = WandbFolders.find(root);
        } catch (WandbFormatException | IOException e) {
            throw SyncFailure.permanent("cannot read W&B runs in " + root + ": " + e.getMessage(), e);
        }
        Map<String, String> seenBefore = db.read(c -> parseCursor(sources.cursor(c, source.id())));
        Map<String, String> seenNow = new TreeMap<>();
        Map<String, WandbRun> read = new LinkedHashMap<>();
        Set<String> keep = new HashSet<>();
        int done = 0;
        for (Path folder : folders) {
            context.checkCancelled();
            context.progress((double) done++ / folders.size(), "reading " + folder.getFileName());
            String id = runIdOf(folder);
            String stamp = stamp(folder);
            String key = folder.toAbsolutePath().normalize().toString();
            seenNow.put(key, stamp);
            if (stamp.equals(seenBefore.get(key))) {
                keep.add(id);
                continue;
            }
            try {
                WandbRun run = reader.read(folder);
                read.put(run.runId(), run);
                keep.add(run.runId());
            } catch (WandbFormatException | IOException e) {
                context.warn("skipped " + folder + ": " + e.getMessage());
                keep.add(id);
                seenNow.remove(key);
            }
        }
        context.progress(-1, "saving " + read.size() + " runs");
        long now = clock.millis();
        String cursor = JSON.writeValueAsString(seenNow);
        return db.write(c -> {
            long added = 0;
            long changed = 0;
            Set<String> projects = new HashSet<>();
            try (StatementCache statements = new StatementCache(c)) {
                for (WandbRun run : read.values()) {
                    String experimentId = WandbRuns.experimentId(run);
                    if (projects.add(experimentId)) {
                        store.upsertExperiment(c, new Experiment(source.id(), experimentId, experimentId, null, "active",
                                null, null, run.entity() == null ? Map.of() : Map.of("wandb.entity", run.entity())));
                    }
                    Long existing = ExperimentStore.runPk(c, source.id(), run.runId());
                    store.upsertRun(statements, source.id(), WandbRuns.toRemote(run), now, existing);
                    long pk = ExperimentStore.runPk(c, source.id(), run.runId());
                    WandbArtifacts.replace(c, pk, run);
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
            removed += store.removeExperimentsExcept(c, source.id(), experimentsWithRuns(c, source.id()));
            sources.saveCursor(c, source.id(), cursor);
            return new SyncCounts(added, changed, removed);
        });
    }

    static Set<String> experimentsWithRuns(java.sql.Connection c, long sourceId) throws java.sql.SQLException {
        Set<String> out = new HashSet<>();
        try (java.sql.PreparedStatement st = c.prepareStatement("SELECT DISTINCT experiment_id FROM runs WHERE source_id = ?")) {
            st.setLong(1, sourceId);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The run id W&B puts at the end of a run folder's name. */
    static String runIdOf(Path folder) {
        String name = folder.getFileName().toString();
        return name.substring(name.lastIndexOf('-') + 1);
    }

    /** Size and modification time of the folder's log: what tells a changed run from an unchanged one. */
    private static String stamp(Path folder) {
        try (var files = Files.list(folder)) {
            Path log = files.filter(p -> p.getFileName().toString().endsWith(".wandb")).sorted().findFirst().orElse(folder);
            return Files.size(log) + ":" + Files.getLastModifiedTime(log).toMillis();
        } catch (IOException e) {
            return "unreadable";
        }
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
