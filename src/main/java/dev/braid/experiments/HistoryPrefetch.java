package dev.braid.experiments;

import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fetches the metric histories of the runs of starred experiments after a sync, so that charting
 * and comparing them later works offline and at once. Newest runs first, at most a bounded number
 * of histories per sync (the rest follow with later syncs). A failure here never fails the sync:
 * the histories are an extra, and they are still fetched on demand.
 */
final class HistoryPrefetch {
    /** Source setting: how many histories one sync fetches at most. */
    static final String LIMIT = "prefetch_histories";
    static final int DEFAULT_LIMIT = 200;
    private static final Logger LOG = Logger.getLogger(HistoryPrefetch.class.getName());
    private final Database db;
    private final Clock clock;
    private final MetricHistoryStore histories = new MetricHistoryStore();

    HistoryPrefetch(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private record Missing(long runPk, String runId, String key) {
    }

    /** Fetches up to {@code most} missing histories of {@code source}'s starred experiments; returns how many were cached. */
    int prefetch(Source source, RunSource client, SyncContext context, int most) {
        if (most <= 0) {
            return 0;
        }
        int cached = 0;
        try {
            List<Missing> missing = missing(source.id(), most);
            for (Missing m : missing) {
                if (context.isCancelled()) {
                    break;
                }
                context.progress((double) cached / missing.size(), "fetching metric histories of starred experiments");
                List<MetricPoint> points;
                try {
                    points = client.metricHistory(m.runId(), m.key());
                } catch (MlflowException e) {
                    LOG.log(Level.INFO, "could not prefetch " + m.key() + " of run " + m.runId() + ": " + e.getMessage());
                    if (e.isTransient()) {
                        break; // the server is struggling; the next sync tries again
                    }
                    continue;
                }
                long now = clock.millis();
                if (db.write(c -> save(c, m, points, now))) {
                    cached++;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "prefetching metric histories of " + source.name() + " stopped", e);
        }
        return cached;
    }

    private List<Missing> missing(long sourceId, int most) {
        return db.read(c -> {
            List<Missing> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT m.run_pk, r.run_id, m.key FROM runs r
                    JOIN experiments e ON e.source_id = r.source_id AND e.experiment_id = r.experiment_id
                    JOIN run_metrics m ON m.run_pk = r.run_pk
                    WHERE r.source_id = ? AND e.starred = 1 AND r.lifecycle_stage = 'active'
                      AND NOT EXISTS (SELECT 1 FROM metric_history_state h WHERE h.run_pk = m.run_pk AND h.key = m.key)
                    ORDER BY r.start_time DESC, r.run_id, m.key LIMIT ?""")) {
                st.setLong(1, sourceId);
                st.setInt(2, most);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Missing(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    /** Caches the history unless the run went or the history arrived meanwhile (a run opened while this ran). */
    private boolean save(java.sql.Connection c, Missing m, List<MetricPoint> points, long now) throws java.sql.SQLException {
        return histories.saveIfCurrent(c, m.runPk(), m.key(), points, now);
    }
}
