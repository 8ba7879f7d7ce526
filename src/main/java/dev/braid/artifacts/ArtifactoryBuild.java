package dev.braid.artifacts;

import java.util.List;

/**
 * One build as JFrog's build-info records it: the commit it built (its VCS revision and URL), the
 * CI job that ran it, and what its modules produced and used.
 *
 * @param startedMs epoch milliseconds, -1 when the build-info's time could not be read
 */
public record ArtifactoryBuild(String name, String number, String started, long startedMs, String vcsRevision,
                               String vcsUrl, String vcsBranch, String ciUrl, String agent, List<Item> items) {
    public ArtifactoryBuild {
        items = List.copyOf(items);
    }

    /** What a module produced ({@code artifact}) or used ({@code dependency}), with its checksums. */
    public record Item(String module, String role, String name, String type, String sha256, String sha1, String md5) {
        public static final String ARTIFACT = "artifact";
        public static final String DEPENDENCY = "dependency";
    }
}
