package dev.braid.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteException;

/**
 * Tells apart the reasons SQLite or the file system give for failing on the cache file. SQLite
 * says {@code SQLITE_CANTOPEN} both for a folder it may not write (a WAL database needs to create
 * its {@code -shm} file) and for a file it may not read, so where its code is ambiguous the file
 * system is asked: is the folder there, may we read the file, is the mount read-only, is there
 * room left. Only {@code SQLITE_CORRUPT} and {@code SQLITE_NOTADB} mean the file is damaged.
 */
public final class SqliteFailures {
    /** Less free space than this beside the cache counts as a full disk. */
    static final long NEARLY_FULL_BYTES = 1 << 20;
    private static final int PERM = 3;
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int NOTADB = 26;

    private SqliteFailures() {
    }

    /** SQLite's primary result code somewhere in {@code error}'s causes, or -1 when there is none. */
    public static int primaryCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                return s.getResultCode().code & 0xff;
            }
            if (t instanceof SQLException q && q.getErrorCode() > 0) {
                return q.getErrorCode() & 0xff;
            }
        }
        return -1;
    }

    /**
     * True when a query failed on a stored value rather than on the file or the query: SQLite's
     * JSON functions refuse text that is not JSON, or a BLOB, with {@code SQLITE_ERROR}. Braid
     * writes only well-formed JSON into these columns, so such a value was changed underneath it.
     */
    public static boolean isUnreadableValue(SQLException error) {
        String message = String.valueOf(error.getMessage());
        return primaryCode(error) == 1
                && (message.contains("malformed JSON") || message.contains("JSON cannot hold BLOB values"));
    }

    /**
     * What went wrong with the cache file at {@code file}, or null when {@code error} says nothing
     * about the file (a constraint, a mistake in a query).
     */
    public static CacheProblem classify(Throwable error, Path file) {
        int code = primaryCode(error);
        switch (code) {
            case BUSY, LOCKED:
                return CacheProblem.LOCKED;
            case CORRUPT, NOTADB:
                return CacheProblem.CORRUPT;
            case FULL:
                return CacheProblem.DISK_FULL;
            case READONLY, CANTOPEN, PERM, IOERR:
                CacheProblem found = fromFileSystem(file);
                if (found != null) {
                    return found;
                }
                return code == READONLY ? CacheProblem.READ_ONLY
                        : code == IOERR ? CacheProblem.IO_ERROR : CacheProblem.NO_ACCESS;
            default:
                IOException io = ioCause(error);
                return io == null ? null : classify(io, file);
        }
    }

    /** What a file-system error says about the cache at {@code file}; never null. */
    public static CacheProblem classify(IOException error, Path file) {
        String reason = error instanceof FileSystemException f && f.getReason() != null ? f.getReason() : error.getMessage();
        String words = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (words.contains("no space left") || words.contains("quota")) {
            return CacheProblem.DISK_FULL;
        }
        if (words.contains("read-only file system")) {
            return CacheProblem.READ_ONLY;
        }
        CacheProblem found = fromFileSystem(file);
        if (found != null) {
            return found;
        }
        return error instanceof AccessDeniedException ? CacheProblem.NO_ACCESS : CacheProblem.IO_ERROR;
    }

    /**
     * The file system's own answer: a missing or closed folder, an unreadable file, a read-only
     * mount or folder, no room left; null when none of these holds.
     */
    public static CacheProblem fromFileSystem(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder) || !Files.isExecutable(folder)) {
            return CacheProblem.NO_ACCESS;
        }
        boolean exists = Files.exists(file);
        if (exists && !Files.isReadable(file)) {
            return CacheProblem.NO_ACCESS;
        }
        if (readOnlyMount(folder) || !Files.isWritable(folder) || exists && !Files.isWritable(file)) {
            return CacheProblem.READ_ONLY;
        }
        if (freeBytes(folder) < NEARLY_FULL_BYTES) {
            return CacheProblem.DISK_FULL;
        }
        return null;
    }

    /** Whether {@code folder} lies on a file system mounted read-only. */
    static boolean readOnlyMount(Path folder) {
        try {
            return Files.getFileStore(folder).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }

    /** Bytes this process may still write beside the cache, or {@link Long#MAX_VALUE} when unknown. */
    public static long freeBytes(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static IOException ioCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }
}
