package dev.braid.features;

import java.time.Instant;

/**
 * A commit of a feature repository in git that introduced a version ({@code introduced}) or
 * changed its definition without Feast numbering a new one ({@code changed}).
 */
public record VersionCommit(String repository, String sha, String role, String author, Instant committedAt, String subject,
                            String path) {
}
