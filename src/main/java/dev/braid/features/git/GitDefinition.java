package dev.braid.features.git;

import java.time.Instant;

/** A commit in which a view's declaration in a feature repository changed (a row of {@code feature_git_definitions}). */
record GitDefinition(String project, String view, String sha, Instant committedAt, String author, String subject, String path,
                     String schema, String definition) {
}
