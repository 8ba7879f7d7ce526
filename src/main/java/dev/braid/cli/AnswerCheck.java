package dev.braid.cli;

import dev.braid.app.AppContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Before a read command answers, SQLite checks the tables it answers from
 * ({@link dev.braid.store.Database#verify}): a damaged page can hide rows from an ordinary read
 * without any error, and a changed index entry can lead a query astray, and a script must never
 * get exit code 0 with a wrong answer. Up to {@link #FULL_LIMIT_BYTES} the integrity check runs
 * (it also compares every index with its table; about 55 ms per MB checked on a busy 2-core
 * machine), up to {@link #QUICK_LIMIT_BYTES} the quick check (page structure, record headers,
 * types; about 6 ms per MB); above that the check is left to {@code braid cache check}, so that a
 * large cache stays quick to ask.
 */
final class AnswerCheck {
    /** Caches up to this size (file and WAL) get the integrity check before every answer. */
    static final long FULL_LIMIT_BYTES = 32L << 20;
    /** Caches up to this size get the quick check. */
    static final long QUICK_LIMIT_BYTES = 256L << 20;

    private AnswerCheck() {
    }

    /** Checks {@code tables} as thoroughly as the cache's size allows on every command. */
    static void tables(AppContext context, String... tables) {
        Path file = context.database().file();
        long size = size(file) + size(file.resolveSibling(file.getFileName() + "-wal"));
        if (size <= QUICK_LIMIT_BYTES) {
            context.database().verify(size <= FULL_LIMIT_BYTES, tables);
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
