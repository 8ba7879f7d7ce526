package dev.braid.features;

import dev.braid.features.feast.ViewDefinition;
import java.time.Instant;
import java.util.List;

/**
 * One version of a feature view: Feast's number ({@code v2}, {@code number} 2) or Braid's
 * content-hash label ({@code number} null); when it came to be ({@code createdAt}: Feast's recorded
 * time, else when a source first listed it), when and by which source Braid first saw it, and the
 * commits of a feature repository that introduced it.
 *
 * @param origin {@code history} when the definition is the snapshot Feast recorded, {@code observed}
 *               when it is what a source listed as current when Braid first saw the version
 */
public record FeatureViewVersion(String version, Integer number, Instant createdAt, Instant firstSeenAt, String firstSeenBy,
                                 String origin, String definitionHash, boolean current, ViewDefinition definition,
                                 List<VersionCommit> commits) {
    public FeatureViewVersion {
        commits = List.copyOf(commits);
    }
}
