package dev.braid.features.feast;

import java.time.Instant;

/** One entry of Feast's own version history of a feature view ({@code feast feature-views list-versions}). */
public record RecordedVersion(String project, String view, int number, Instant createdAt, String versionId,
                              ViewDefinition definition) {
}
