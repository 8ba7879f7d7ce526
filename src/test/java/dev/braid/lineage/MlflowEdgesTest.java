package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which model versions were registered from a logged model, and which from a run's own files. */
class MlflowEdgesTest {
    private static final String RUN = "0123456789abcdef0123456789abcdef";

    @Test
    void aVersionFromRunsUriNamesThePathUnderTheRun() {
        assertEquals("model", MlflowEdges.runArtifactPath("runs:/" + RUN + "/model", RUN));
        assertEquals("models/xgb", MlflowEdges.runArtifactPath("runs:/" + RUN + "/models/xgb/", RUN));
    }

    @Test
    void aVersionFromAStoredArtifactUriNamesThePathAfterArtifacts() {
        assertEquals("model", MlflowEdges.runArtifactPath("mlflow-artifacts:/1/" + RUN + "/artifacts/model", RUN));
        assertEquals("model", MlflowEdges.runArtifactPath("file:///srv/mlruns/3/" + RUN + "/artifacts/model", RUN));
        assertEquals("out/clf", MlflowEdges.runArtifactPath("s3://bucket/mlflow/2/" + RUN + "/artifacts/out/clf", RUN));
    }

    @Test
    void otherSourcesAreNotRunArtifacts() {
        assertNull(MlflowEdges.runArtifactPath("models:/m-4f2a", RUN));
        assertNull(MlflowEdges.runArtifactPath("s3://bucket/models/churn", RUN));
        assertNull(MlflowEdges.runArtifactPath("runs:/someotherrun/model", RUN), "another run's files");
        assertNull(MlflowEdges.runArtifactPath("runs:/" + RUN + "/", RUN), "no path");
        assertNull(MlflowEdges.runArtifactPath(null, RUN));
        assertNull(MlflowEdges.runArtifactPath("runs:/" + RUN + "/model", null));
    }

    @Test
    void loggedModelSourcesNameOnlyLoggedModels() {
        assertEquals("m-4f2a", MlflowEdges.loggedModelId("models:/m-4f2a"));
        assertNull(MlflowEdges.loggedModelId("models:/m-churn/3"), "a registered model's version");
        assertNull(MlflowEdges.loggedModelId("runs:/" + RUN + "/model"));
    }
}
