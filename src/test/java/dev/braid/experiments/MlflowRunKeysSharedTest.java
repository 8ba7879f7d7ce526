package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A first sync holds every run until it writes them: runs read from different pages share one
 * copy of each key and short value they repeat, and keep every value as the server sent it.
 */
class MlflowRunKeysSharedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runsFromSeparatePagesShareTheirKeysAndShortValues() throws Exception {
        RemoteRun a = MlflowJson.run(JSON.readTree(run("a", "0.01")));
        RemoteRun b = MlflowJson.run(JSON.readTree(run("b", "0.02")));

        assertSame(key(a.params(), "learning_rate"), key(b.params(), "learning_rate"));
        assertSame(key(a.tags(), "mlflow.user"), key(b.tags(), "mlflow.user"));
        assertSame(a.metrics().get(0).key(), b.metrics().get(0).key());
        assertSame(a.tags().get("mlflow.user"), b.tags().get("mlflow.user"));
        assertSame(a.status(), b.status());
        assertSame(a.experimentId(), b.experimentId());

        assertEquals(Map.of("learning_rate", "0.01", "notes", LONG + "a"), a.params());
        assertEquals(Map.of("learning_rate", "0.02", "notes", LONG + "b"), b.params());
        assertEquals(List.of(new LatestMetric("loss", 0.5, 7, 3)), a.metrics());
        assertEquals("FINISHED", a.status());
        assertEquals("run-a", a.runName());
    }

    @Test
    void longValuesAreNotShared() throws Exception {
        RemoteRun a = MlflowJson.run(JSON.readTree(run("a", "0.01")));
        RemoteRun b = MlflowJson.run(JSON.readTree(run("a", "0.01")));

        assertEquals(a.params().get("notes"), b.params().get("notes"));
        assertNotSame(a.params().get("notes"), b.params().get("notes"));
    }

    private static final String LONG = "x".repeat(80);

    private static String key(Map<String, String> map, String key) {
        return map.keySet().stream().filter(key::equals).findFirst().orElseThrow();
    }

    /** A run as {@code runs/search} returns it; each call parses its own copy of every text. */
    private static String run(String id, String rate) {
        return """
                {"info": {"run_id": "%s", "experiment_id": "7", "run_name": "run-%s", "user_id": "ada",
                          "status": "FINISHED", "start_time": 1, "end_time": 2, "lifecycle_stage": "active",
                          "artifact_uri": "file:///tmp/%s"},
                 "data": {"params": [{"key": "learning_rate", "value": "%s"}, {"key": "notes", "value": "%s"}],
                          "metrics": [{"key": "loss", "value": 0.5, "timestamp": 7, "step": 3}],
                          "tags": [{"key": "mlflow.user", "value": "ada"}]}}
                """.formatted(id, id, id, rate, LONG + id);
    }
}
