package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.store.CacheCheck;
import dev.braid.store.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before a read command answers, SQLite checks the tables it answers from
 * ({@link dev.braid.store.Database#verify}): a damaged page can hide rows from an ordinary read
 * without any error, and a changed index entry can lead a query astray, and a script must never
 * get exit code 0 with a wrong answer. Up to {@link #FULL_LIMIT_BYTES} the integrity check runs
 * (it also compares every index with its table; about 55 ms per MB checked on a busy 2-core
 * machine), up to {@link #QUICK_LIMIT_BYTES} the quick check (page structure, record headers,
 * types; about 6 ms per MB); above that the check is left to {@code braid cache check}, so that a
 * large cache stays quick to ask. The commands below are checked while they start
 * ({@link EarlyCheck}); they take that check's findings when it checked what they would.
 */
final class AnswerCheck {
    /** Caches up to this size (file and WAL) get the integrity check before every answer. */
    static final long FULL_LIMIT_BYTES = 32L << 20;
    /** Caches up to this size get the quick check. */
    static final long QUICK_LIMIT_BYTES = 256L << 20;

    static final List<String> LINEAGE = List.of("lineage_nodes", "lineage_edges", "lineage_labels");
    static final List<String> LINEAGE_EXPORT = List.of("lineage_nodes", "lineage_edges", "lineage_labels", "lineage_columns");
    static final List<String> RUNS = List.of("sources", "experiments", "runs", "run_params", "run_metrics", "run_tags",
            "run_dataset_inputs");
    static final List<String> MODELS = List.of("registered_models", "registered_model_tags", "model_versions",
            "model_version_tags", "model_aliases");
    static final List<String> REPOSITORIES = List.of("sources", "repositories", "refs");
    static final List<String> HISTORY = List.of("sources", "repositories", "refs", "commits");
    static final List<String> STATUS = List.of("sources", "sync_runs");

    /** What each read command checks, by the words that name it: the checks {@link EarlyCheck} can start early. */
    private static final Map<String, List<String>> BY_COMMAND = Map.of(
            "status", STATUS, "repo list", REPOSITORIES, "repo log", HISTORY, "runs list", RUNS, "runs compare", RUNS,
            "models list", MODELS, "lineage show", LINEAGE, "lineage impact", LINEAGE, "lineage path", LINEAGE,
            "lineage export", LINEAGE_EXPORT);

    private AnswerCheck() {
    }

    /** The tables the command named by {@code words} ("repo log") checks, or null for a command that checks none early. */
    static List<String> tablesOf(String words) {
        return BY_COMMAND.get(words);
    }

    /** Checks {@code tables} as thoroughly as the cache's size allows, or takes the early check's findings. */
    static void tables(BraidCommand root, AppContext context, List<String> tables) {
        Path file = context.database().file();
        long size = sizeOf(file);
        if (size > QUICK_LIMIT_BYTES) {
            return;
        }
        boolean full = size <= FULL_LIMIT_BYTES;
        Optional<List<String>> early = root.earlyCheck().findings(file, full, Migrations.bundled().latestVersion(), tables);
        if (early.isEmpty()) {
            context.database().verify(full, tables.toArray(String[]::new));
        } else if (!early.get().isEmpty()) {
            throw CacheCheck.damage(full, early.get());
        }
    }

    /** The size of the cache file and its write-ahead log, which the checks read. */
    static long sizeOf(Path file) {
        return size(file) + size(file.resolveSibling(file.getFileName() + "-wal"));
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
