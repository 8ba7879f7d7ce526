package dev.braid.repos;

/** A commit found by the global search, with the repository it belongs to. */
public record CommitHit(long repoId, String repoName, CommitRow commit) {
}
