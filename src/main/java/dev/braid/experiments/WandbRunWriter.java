package dev.braid.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.experiments.wandb.WandbRun;
import dev.braid.store.Database;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes what one W&B sync read, from a folder of runs ({@link WandbSyncer}) or from a server
 * ({@link WandbServerSyncer}), into the same tables as MLflow's runs: each run with its project as
 * experiment, its artifacts and its full metric history; runs not kept and experiments left
 * without runs are removed; the new cursor (run key to stamp, the stamp telling a changed run from
 * an unchanged one) is saved. All in one transaction, so a failed sync leaves the cache as it was.
 */
final class WandbRunWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final SourceStore sources;
    private final ExperimentStore store = new ExperimentStore();
    private final MetricHistoryStore histories = new MetricHistoryStore();

    /**
     * One run read in full.
     *
     * @param entity       the W&B entity its experiment is tagged with, or null for none
     * @param serverState  the state word a server gave it, or null for a run read from a folder
     * @param usedVersions the artifact versions a server says it used (a folder's log names uses only)
     */
    record Read(WandbRun run, String entity, String serverState, List<WandbRun.WandbArtifact> usedVersions) {
        Read {
            usedVersions = List.copyOf(usedVersions);
        }
    }

    WandbRunWriter(Database db, SourceStore sources) {
        this.db = db;
        this.sources = sources;
    }

    /** The stamps the last sync of {@code sourceId} saw, by run key; empty when there are none. */
    Map<String, String> seenBefore(long sourceId) {
        return db.read(c -> parseCursor(sources.cursor(c, sourceId)));
    }

    /**
     * Writes {@code read}, removes the runs of {@code sourceId} whose ids are not in {@code keep},
     * and saves {@code seenNow} as the cursor.
     */
    SyncCounts write(long sourceId, Collection<Read> read, Set<String> keep, Map<String, String> seenNow, long now)
            throws JsonProcessingException {
        String cursor = JSON.writeValueAsString(seenNow);
        return db.write(c -> {
            long added = 0;
            long changed = 0;
            Set<String> experiments = new HashSet<>();
            try (StatementCache statements = new StatementCache(c)) {
                for (Read r : read) {
                    WandbRun run = r.run();
                    String experimentId = WandbRuns.experimentId(run);
                    if (experiments.add(experimentId)) {
                        store.upsertExperiment(c, new Experiment(sourceId, experimentId, experimentId, null, "active",
                                null, null, r.entity() == null ? Map.of() : Map.of("wandb.entity", r.entity())));
                    }
                    Long existing = ExperimentStore.runPk(c, sourceId, run.runId());
                    store.upsertRun(statements, sourceId, WandbRuns.toRemote(run, r.serverState()), now, existing);
                    long pk = ExperimentStore.runPk(c, sourceId, run.runId());
                    WandbArtifacts.replace(c, pk, run, r.usedVersions());
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
            long removed = store.removeRunsExcept(c, sourceId, keep);
            removed += store.removeExperimentsExcept(c, sourceId, experimentsWithRuns(c, sourceId));
            sources.saveCursor(c, sourceId, cursor);
            return new SyncCounts(added, changed, removed);
        });
    }

    private static Set<String> experimentsWithRuns(Connection c, long sourceId) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT experiment_id FROM runs WHERE source_id = ?")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
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
