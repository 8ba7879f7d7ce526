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
     * Builds a new cache beside the old one, copies into it what the registry names (reading the
     * old file without ever writing to it), and only then moves the old cache aside and the new
     * one into its place. Anything that fails before that swap (a full disk, say) leaves the old
     * cache exactly where and as it was. A table that cannot be read is reported and the rest
     * still carried over.
     */
    public Rebuild moveAsideAndRebuild(Path cacheFile) throws IOException, CacheOpenException {
        Path fresh = cacheFile.resolveSibling(cacheFile.getFileName() + ".rebuilding");
        deleteWithSidecars(fresh);
        CarryOver.Outcome outcome;
        try {
            try (Database rebuilt = Database.open(fresh)) {
                outcome = carryOver(cacheFile, rebuilt);
            }
        } catch (CacheOpenException | RuntimeException | Error e) {
            deleteWithSidecars(fresh);
            throw e;
        }
        Path moved = moveAside(cacheFile);
        try {
            Files.move(fresh, cacheFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(moved, cacheFile, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        return new Rebuild(moved, outcome.carried(), outcome.problems());
    }

    private static CarryOver.Outcome carryOver(Path oldFile, Database target) {
        Connection old;
        try {
            old = ReadOnlyConnections.connector(oldFile).connect();
        } catch (SQLException e) {
            return CarryOver.Outcome.nothing("nothing could be read from the old cache: " + e.getMessage());
        }
        try (old) {
            return target.write(c -> CarryOver.copy(old, c));
        } catch (SQLException e) {
            return CarryOver.Outcome.nothing("the old cache could not be closed: " + e.getMessage());
        }
    }

    private static void deleteWithSidecars(Path file) throws IOException {
        for (String suffix : new String[] {"-wal", "-shm", ""}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }
}
