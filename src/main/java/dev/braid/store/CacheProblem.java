package dev.braid.store;

/**
 * Why the cache could not be opened or used; each kind has its own advice for the user. Only a
 * damaged or too new file is cured by moving it aside: a full disk, a read-only folder or a file
 * Braid may not open is healthy, and moving it aside would throw away what it holds.
 */
public enum CacheProblem {
    /** The file is not a readable SQLite database or fails its integrity check. */
    CORRUPT("The cache file is damaged.",
            "Braid can move it aside, keep it for inspection, and start a new cache that keeps what no sync can"
                    + " fetch again (sources and their settings, labels, stars, pending edits, received lineage events);"
                    + " syncing then rebuilds the rest."),
    /** Another process holds a lock on the database for longer than the busy timeout. */
    LOCKED("The cache is in use by another running Braid.",
            "Close the other Braid window or command and try again."),
    /** The schema version is newer than this Braid knows how to read. */
    NEWER_SCHEMA("The cache was written by a newer version of Braid.",
            "Use the newer Braid, or move this cache aside and rebuild it with this version."),
    /** The disk (or the quota) holding the cache has no room left: SQLITE_FULL, ENOSPC. */
    DISK_FULL("The disk holding the cache is full.",
            "The cache itself is fine and nothing was lost. Free some space on that disk (or raise the quota),"
                    + " then run the command again. Do not reset the cache: that would not free anything."),
    /** The file or its folder cannot be written: a read-only mount, or permissions (SQLITE_READONLY). */
    READ_ONLY("The cache cannot be written: the file or its folder is read-only.",
            "The cache itself is fine. Commands that only read it (status, repo list, repo log, runs list,"
                    + " models list, lineage show/path/impact/export) still work. To change it, give your user write"
                    + " access to the data folder and the files in it (or remount it read-write), or point Braid at"
                    + " another folder with --data-dir."),
    /** The file or its folder cannot be opened at all: permissions, another user's file (SQLITE_CANTOPEN). */
    NO_ACCESS("Braid may not open the cache file.",
            "The cache itself is probably fine. Check who owns the data folder and cache.db (ls -l) and give your"
                    + " user read and write access to them, or point Braid at another folder with --data-dir."),
    /** The operating system reported an error reading or writing the file (SQLITE_IOERR). */
    IO_ERROR("The disk reported an error while reading or writing the cache.",
            "This is not a sign that the cache is damaged. Check the disk and its free space (df, dmesg),"
                    + " then run the command again.");

    private final String summary;
    private final String advice;

    CacheProblem(String summary, String advice) {
        this.summary = summary;
        this.advice = advice;
    }

    public String summary() {
        return summary;
    }

    public String advice() {
        return advice;
    }

    /** Whether moving the cache aside and rebuilding it is a sensible offer for this problem. */
    public boolean canRebuild() {
        return this == CORRUPT || this == NEWER_SCHEMA;
    }

    /** Whether the file is healthy and can still be read, so read-only commands may go ahead. */
    public boolean readableAnyway() {
        return this == READ_ONLY || this == DISK_FULL;
    }
}
