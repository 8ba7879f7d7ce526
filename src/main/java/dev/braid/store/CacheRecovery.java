package dev.braid.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Moves a cache that cannot be used out of the way, keeping it for inspection (never deleting it),
 * and starts a new cache with the sources the old one still lets us read, so that syncing them
 * rebuilds everything else.
 */
public final class CacheRecovery {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Clock clock;

    public CacheRecovery(Clock clock) {
        this.clock = clock;
    }

    /** What a rebuild did: where the old cache went and how many sources were carried over. */
    public record Rebuild(Path movedTo, int sourcesRestored, String salvageProblem) {
    }

    /** Renames the cache and its WAL files to {@code cache.db.broken-<time>}; returns the new main file. */
    public Path moveAside(Path cacheFile) throws IOException {
        String stamp = STAMP.format(clock.instant());
        Path target = cacheFile.resolveSibling(cacheFile.getFileName() + ".broken-" + stamp);
        for (int n = 2; Files.exists(target); n++) {
            target = cacheFile.resolveSibling(cacheFile.getFileName() + ".broken-" + stamp + "-" + n);
        }
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path sidecar = cacheFile.resolveSibling(cacheFile.getFileName() + suffix);
            if (Files.exists(sidecar)) {
                Files.move(sidecar, target.resolveSibling(target.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(cacheFile, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /**
     * Moves the cache aside, creates a fresh one and copies into it every source (kind, name,
     * configuration) that can still be read from the old file. Their cursors are not copied, so
     * the next sync of each fetches everything again.
     */
    public Rebuild moveAsideAndRebuild(Path cacheFile) throws IOException, CacheOpenException {
        Path moved = moveAside(cacheFile);
        List<String[]> salvaged = new ArrayList<>();
        String problem = null;
        try {
            salvaged.addAll(readSources(moved));
        } catch (SQLException e) {
            problem = "no sources could be read from the old cache: " + e.getMessage();
        }
        try (Database fresh = Database.open(cacheFile)) {
            int restored = fresh.write(c -> {
                int n = 0;
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT OR IGNORE INTO sources(kind, name, config, created_at) VALUES (?, ?, ?, ?)")) {
                    for (String[] source : salvaged) {
                        st.setString(1, source[0]);
                        st.setString(2, source[1]);
                        st.setString(3, source[2]);
                        st.setLong(4, Long.parseLong(source[3]));
                        n += st.executeUpdate();
                    }
                }
                return n;
            });
            return new Rebuild(moved, restored, problem);
        }
    }

    private static List<String[]> readSources(Path file) throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("open_mode", "1");
        List<String[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, readOnly);
             PreparedStatement st = c.prepareStatement("SELECT kind, name, config, created_at FROM sources");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), String.valueOf(rs.getLong(4))});
            }
        }
        return out;
    }
}
