package dev.braid.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The {@code sync_runs} table: one row per sync of a source, kept for the sync log. */
public final class SyncRunStore {
    private static final String SELECT = "SELECT r.id, r.source_id, s.name, r.started_at, r.ended_at, r.outcome,"
            + " r.added, r.changed, r.removed, r.attempts, r.error, r.warnings FROM sync_runs r JOIN sources s ON s.id = r.source_id";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private final Database db;
    private final UnaryOperator<String> masker;

    public SyncRunStore(Database db) {
        this(db, UnaryOperator.identity());
    }

    /** With {@code masker} applied to every error before it is stored ({@link Secrets#mask}). */
    public SyncRunStore(Database db, UnaryOperator<String> masker) {
        this.db = db;
        this.masker = masker;
    }

    /** Records that a sync of {@code sourceId} has begun; returns the run's id. */
    public long begin(long sourceId, Instant startedAt) {
        return db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO sync_runs(source_id, started_at, outcome) VALUES (?, ?, 'RUNNING') RETURNING id")) {
                st.setLong(1, sourceId);
                st.setLong(2, startedAt.toEpochMilli());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public void finish(long runId, Instant endedAt, SyncOutcome outcome, SyncCounts counts, int attempts, String error) {
        finish(runId, endedAt, outcome, counts, attempts, error, List.of());
    }

    /** Records how a sync ended, with the problems it went past. */
    public void finish(long runId, Instant endedAt, SyncOutcome outcome, SyncCounts counts, int attempts, String error,
                       List<String> warnings) {
        String encoded = encode(warnings);
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE sync_runs SET ended_at = ?, outcome = ?, added = ?,"
                    + " changed = ?, removed = ?, attempts = ?, error = ?, warnings = ? WHERE id = ?")) {
                st.setLong(1, endedAt.toEpochMilli());
                st.setString(2, outcome.name());
                st.setLong(3, counts.added());
                st.setLong(4, counts.changed());
                st.setLong(5, counts.removed());
                st.setInt(6, attempts);
                st.setString(7, masker.apply(error));
                st.setString(8, encoded);
                st.setLong(9, runId);
                return st.executeUpdate();
            }
        });
    }

    /** Marks runs left RUNNING by a Braid that stopped mid-sync; returns how many there were. */
    public int markInterrupted(Instant now) {
        // Every open of the cache asks this and the answer is nearly always "none": a read answers
        // it without waiting for the write lock, which a sync in another process may be holding.
        boolean anyRunning = db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM sync_runs WHERE outcome = 'RUNNING')");
                 ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        });
        if (!anyRunning) {
            return 0;
        }
        return db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE sync_runs SET outcome = 'INTERRUPTED', ended_at = ?, error = 'Braid stopped during this sync'"
                            + " WHERE outcome = 'RUNNING'")) {
                st.setLong(1, now.toEpochMilli());
                return st.executeUpdate();
            }
        });
    }

    /** The newest runs first, across all sources. */
    public List<SyncRun> recent(int limit) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(SELECT + " ORDER BY r.started_at DESC, r.id DESC LIMIT ?")) {
                st.setInt(1, limit);
                return readAll(st);
            }
        });
    }

    public Optional<SyncRun> latest(long sourceId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    SELECT + " WHERE r.source_id = ? ORDER BY r.started_at DESC, r.id DESC LIMIT 1")) {
                st.setLong(1, sourceId);
                return readAll(st).stream().findFirst();
            }
        });
    }

    public Optional<SyncRun> latestSuccess(long sourceId) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(SELECT
                    + " WHERE r.source_id = ? AND r.outcome = 'SUCCEEDED' ORDER BY r.started_at DESC, r.id DESC LIMIT 1")) {
                st.setLong(1, sourceId);
                return readAll(st).stream().findFirst();
            }
        });
    }

    private static List<SyncRun> readAll(PreparedStatement st) throws SQLException {
        List<SyncRun> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long ended = rs.getLong(5);
                Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
                out.add(new SyncRun(rs.getLong(1), rs.getLong(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                        endedAt, SyncOutcome.valueOf(rs.getString(6)),
                        new SyncCounts(rs.getLong(7), rs.getLong(8), rs.getLong(9)), rs.getInt(10), rs.getString(11),
                        decode(rs.getString(12))));
            }
        }
        return out;
    }

    private static String encode(List<String> warnings) {
        try {
            return Json.MAPPER.writeValueAsString(warnings == null ? List.of() : warnings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode sync warnings", e);
        }
    }

    private static List<String> decode(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            return List.of(text);
        }
    }

    /**
     * Made on first use: every command that opens the cache builds this store (to mark syncs a
     * stopped process left running), and most never read or write a warning list.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
