package dev.braid.security;

import dev.braid.lineage.LineageIds;
import dev.braid.lineage.NodeId;

/** One version of a registered model of one MLflow source, as the governance features name it. */
public record VersionRef(long sourceId, String sourceName, String model, String version) {
    /** The lineage node of this version ({@code model-version:<source>:<model>/<version>}). */
    public NodeId nodeId() {
        return LineageIds.modelVersion(sourceName, model, version);
    }

    /** {@code model/version}, for messages. */
    public String label() {
        return model + " version " + version;
    }
}
