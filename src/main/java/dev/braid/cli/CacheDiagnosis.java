package dev.braid.cli;

import dev.braid.store.CacheCheck;
import dev.braid.store.CacheProblem;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Says, once and in plain words, what is wrong with the cache and what to do about it. For a
 * damaged file, or a value Braid never writes, SQLite's quick check runs first, so that a cache
 * reset is offered only for a file that really is damaged (or holds a value that was changed);
 * a full disk, a read-only folder and a file Braid may not open get their own remedy and never
 * the advice to reset, which would not cure them.
 */
final class CacheDiagnosis {
    private CacheDiagnosis() {
    }

    /** A problem with the cache file itself: its summary, the detail, the advice, and the reset where it helps. */
    static void problem(PrintWriter err, BraidCommand root, CacheProblem problem, String detail) {
        problem(err, root, problem, detail, null);
    }

    /** The same, with the check already run ({@code check} may be null: it then runs here). */
    static void problem(PrintWriter err, BraidCommand root, CacheProblem problem, String detail, CacheCheck.Result check) {
        Path file = root.dirs().cacheFile();
        if (problem == CacheProblem.CORRUPT) {
            CacheCheck.Result verdict = check != null ? check : CacheCheck.quick(file);
            if (verdict.verdict() && !verdict.damaged() && detail != null && detail.contains("integrity check")) {
                // Only the integrity check sees a damaged index; the quick check would call the file sound.
                verdict = CacheCheck.full(file);
            }
            damaged(err, root, detail, verdict);
            return;
        }
        err.println("braid: " + problem.summary() + " (" + file + ")" + (detail == null ? "" : ": " + detail));
        err.println(problem.advice());
        if (problem.canRebuild()) {
            offerReset(err, root);
        }
    }

    /** A value in the cache that Braid never writes: checked, then reported as damage or as a changed value. */
    static void impossibleValue(PrintWriter err, BraidCommand root, String detail) {
        CacheCheck.Result check = CacheCheck.quick(root.dirs().cacheFile());
        if (check.verdict() && check.damaged()) {
            damaged(err, root, detail, check);
            return;
        }
        err.println("braid: " + detail + " (" + root.dirs().cacheFile() + ").");
        err.println(check.describe() + (check.verdict() ? " So a value inside it was changed, by a disk error or"
                + " another program; Braid never writes such a value." : ""));
        err.println("To move it aside (it is kept) and start a new cache that keeps what no sync can fetch again, run: "
                + root.commandFor("cache reset --force"));
    }

    /**
     * Runs the quick check after an unexpected failure; true (and the damage reported) when the
     * cache turns out to be damaged, false when the failure has to be explained otherwise.
     */
    static boolean reportIfDamaged(PrintWriter err, BraidCommand root, String detail) {
        Path file = root.dirs().cacheFile();
        if (!java.nio.file.Files.isRegularFile(file)) {
            return false;
        }
        CacheCheck.Result check = CacheCheck.quick(file);
        if (!check.verdict() || !check.damaged()) {
            return false;
        }
        damaged(err, root, detail, check);
        return true;
    }

    private static void damaged(PrintWriter err, BraidCommand root, String detail, CacheCheck.Result check) {
        Path file = root.dirs().cacheFile();
        if (check.verdict() && !check.damaged()) {
            // SQLite complained while reading, yet its check finds nothing: say both, do not call it damaged.
            err.println("braid: reading the cache failed (" + file + ")" + (detail == null ? "" : ": " + detail));
            err.println(check.describe() + " Run the command again; if it keeps failing, the file may be damaged in a"
                    + " way the quick check does not see: " + root.commandFor("cache reset --force")
                    + " then moves it aside (it is kept) and starts a new cache.");
            return;
        }
        err.println("braid: " + CacheProblem.CORRUPT.summary() + " (" + file + ")" + (detail == null ? "" : ": " + detail));
        err.println(check.describe());
        err.println(CacheProblem.CORRUPT.advice());
        offerReset(err, root);
    }

    private static void offerReset(PrintWriter err, BraidCommand root) {
        err.println("To move it aside (it is kept) and start a new cache that keeps what no sync can fetch again, run: "
                + root.commandFor("cache reset"));
    }
}
