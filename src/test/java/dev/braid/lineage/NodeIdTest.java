package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NodeIdTest {
    @Test
    void braidsOwnKindsAreTheirConstants() {
        assertSame(NodeKind.DATASET, new NodeId("dataset:s3://bucket:data/train.parquet").kind());
        assertSame(NodeKind.DATASET_VERSION, new NodeId("dataset-version:s3://b:f@1").kind());
        assertSame(NodeKind.REPOSITORY, new NodeId("repo:github.com/acme/x").kind());
        assertSame(NodeKind.EXPERIMENT_RUN, new NodeId("mlflow-run:local:42").kind());
    }

    @Test
    void otherKindsAreReadWholeNotByTheirPrefix() {
        assertEquals(new NodeKind("repository"), new NodeId("repository:x").kind());
        assertEquals(new NodeKind("rep"), new NodeId("rep:x").kind());
        assertEquals(new NodeKind("ci-job"), new NodeId("ci-job:gitlab:1:2").kind());
        assertEquals(new NodeKind("dataset-version2"), new NodeId("dataset-version2:x").kind());
    }

    @Test
    void aMalformedKindIsRefused() {
        for (String bad : new String[] {"Dataset:x", "9job:x", "job run:x", ":x", "dataset:", "dataset"}) {
            assertThrows(IllegalArgumentException.class, () -> new NodeId(bad), bad);
        }
    }
}
