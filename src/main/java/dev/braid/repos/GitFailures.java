package dev.braid.repos;

import dev.braid.sync.SyncFailure;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.PackInvalidException;
import org.eclipse.jgit.errors.PackMismatchException;

/** Decides whether a git failure is worth retrying and says what it means in plain words. */
final class GitFailures {
    private GitFailures() {
    }

    static boolean isCorruption(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CorruptObjectException || t instanceof MissingObjectException
                    || t instanceof PackInvalidException || t instanceof PackMismatchException) {
                return true;
            }
        }
        return false;
    }

    /** Classifies a failed fetch or clone from {@code remote}. */
    static SyncFailure transport(String remote, Throwable error) {
        String text = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        for (Throwable t = error.getCause(); t != null; t = t.getCause()) {
            text += " " + String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        }
        if (text.contains("not authorized") || text.contains("authentication") || text.contains("auth fail")
                || text.contains("401") || text.contains("403") || text.contains("credentials")) {
            return SyncFailure.permanent("The remote " + remote + " refused our credentials: " + error.getMessage()
                    + ". Set them in ~/.netrc, a git credential helper, or the environment variables named in the"
                    + " source's configuration.", error);
        }
        if (text.contains("not found") || text.contains("does not appear to be a git repository")
                || text.contains("no such") || text.contains("not a git repository")) {
            return SyncFailure.permanent("The remote " + remote + " has no repository there: " + error.getMessage(), error);
        }
        if (error instanceof IOException || text.contains("connection") || text.contains("timed out")
                || text.contains("unknown host") || text.contains("cannot open") || text.contains("unreachable")) {
            return SyncFailure.transientFailure("The remote " + remote + " could not be reached: " + error.getMessage(), error);
        }
        return SyncFailure.transientFailure("Fetching from " + remote + " failed: " + error.getMessage(), error);
    }
}
