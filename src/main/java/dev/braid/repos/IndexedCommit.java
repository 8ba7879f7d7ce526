package dev.braid.repos;

/** A commit read from git, ready to be written to the cache; times in epoch seconds, zones in minutes. */
record IndexedCommit(String hash, String parents, String authorName, String authorEmail, long authorTime,
                     int authorTz, String committerName, String committerEmail, long commitTime, int commitTz,
                     String subject, String message, long sortKey) {
}
