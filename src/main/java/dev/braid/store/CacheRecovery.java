package dev.braid.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Moves a cache that cannot be used out of the way, keeping it for inspection (never deleting it),
 * and starts a new cache that carries over everything no sync can fetch again (the tables
 * registered in {@code cache_carry_over}: sources and their settings, stars, pending edits and
 * the audit log, labels, received lineage events), so that syncing rebuilds the rest.
 */
public final class CacheRecovery {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Clock clock;

    public CacheRecovery(Clock clock) {
        this.clock = clock;
    }

    /**
     * What a rebuild did: where the old cache went, how many rows of each registered table were
     * carried over (in copying order), and what could not be read (null when everything could).
     */
    public record Rebuild(Path movedTo, Map<String, Integer> carried, List<String> problems) {
        public Rebuild {
            carried = Map.copyOf(carried);
            problems = List.copyOf(problems);
        }

        /** How many sources the new cache has from the old one. */
        public int sourcesRestored() {
            return carried.getOrDefault("sources", 0);
        }

        /** Everything that could not be carried over, in one sentence, or null. */
        public String salvageProblem() {
            return problems.isEmpty() ? null : String.join("; ", problems);
        }
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
     * Moves the cache aside, creates a fresh one and copies into it what the registry names,
     * reading the old file without ever writing to it. A table that cannot be read is reported
     * and the rest still carried over.
     */
    public Rebuild moveAsideAndRebuild(Path cacheFile) throws IOException, CacheOpenException {
        Path moved = moveAside(cacheFile);
        try (Database fresh = Database.open(cacheFile)) {
            CarryOver.Outcome outcome;
            Connection old = null;
            try {
                old = ReadOnlyConnections.connector(moved).connect();
                Connection source = old;
                outcome = fresh.write(target -> CarryOver.copy(source, target));
            } catch (SQLException e) {
                outcome = CarryOver.Outcome.nothing("nothing could be read from the old cache: " + e.getMessage());
            } finally {
                if (old != null) {
                    try {
                        old.close();
                    } catch (SQLException ignored) {
                        // Reading is over either way.
                    }
                }
            }
            return new Rebuild(moved, outcome.carried(), outcome.problems());
        }
    }
}
