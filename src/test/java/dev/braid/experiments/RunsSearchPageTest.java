package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@code runs/search} page read run by run gives the runs a whole-page tree gives. */
class RunsSearchPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN_A = """
            {"info": {"run_id": "a", "experiment_id": "7", "run_name": "first", "user_id": "ada", "status": "FINISHED",
                      "start_time": "1", "end_time": 2, "lifecycle_stage": "active", "artifact_uri": "file:///tmp/a"},
             "data": {"params": [{"key": "lr", "value": "0.1"}],
                      "metrics": [{"key": "loss", "value": "NaN", "timestamp": 7, "step": 3},
                                  {"key": "acc", "value": 0.5, "timestamp": 8, "step": 4}],
                      "tags": [{"key": "mlflow.parentRunId", "value": "p"}, {"key": "odd", "value": "\\ud800"}]},
             "inputs": {"dataset_inputs": [{"tags": [{"key": "mlflow.data.context", "value": "train"}],
                        "dataset": {"name": "iris", "digest": "d1", "source_type": "local", "source": "{}"}}]}}""";
    private static final String RUN_B = """
            {"info": {"run_uuid": "b", "experiment_id": "8", "status": "RUNNING", "start_time": 5,
                      "extra": {"nested": [1, 2, {"x": null}]}},
             "data": {"tags": [{"key": "mlflow.runName", "value": "from-tag"}]}}""";

    @Test
    void readsTheRunsAWholeTreeGivesAndTheTokenAfterThem() throws Exception {
        String page = "{\"runs\": [" + RUN_A + ", " + RUN_B + "], \"next_page_token\": \"tok\"}";
        List<RemoteRun> runs = new ArrayList<>();

        String token = read(page, runs);

        assertEquals("tok", token);
        assertEquals(fromTree(page), runs);
        assertEquals("from-tag", runs.get(1).runName());
        assertEquals("p", runs.get(0).parentRunId());
        assertEquals("\\ud800", runs.get(0).tags().get("odd"));
    }

    @Test
    void takesTheTokenBeforeTheRunsAndSkipsOtherFields() throws Exception {
        String page = "{\"next_page_token\": \"t2\", \"extra\": {\"runs\": [1]}, \"runs\": [" + RUN_B + "]}";
        List<RemoteRun> runs = new ArrayList<>();

        assertEquals("t2", read(page, runs));
        assertEquals(fromTree(page), runs);
    }

    @Test
    void theLastPageHasNoToken() throws Exception {
        List<RemoteRun> runs = new ArrayList<>();
        assertNull(read("{\"runs\": [" + RUN_A + "], \"next_page_token\": \"\"}", runs));
        assertEquals(1, runs.size());
        assertNull(read("{}", runs));
        assertEquals(1, runs.size());
    }

    @Test
    void runsOfSeparatePagesStillShareTheirKeys() throws Exception {
        List<RemoteRun> runs = new ArrayList<>();
        read("{\"runs\": [" + RUN_A + "]}", runs);
        read("{\"runs\": [" + RUN_A.replace("\"a\"", "\"c\"") + "]}", runs);

        assertSame(runs.get(0).metrics().get(0).key(), runs.get(1).metrics().get(0).key());
        assertSame(runs.get(0).status(), runs.get(1).status());
    }

    private static String read(String page, List<RemoteRun> into) throws Exception {
        try (JsonParser parser = JSON.getFactory().createParser(page)) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken());
            return RunsSearchPage.read(parser, into::add);
        }
    }

    private static List<RemoteRun> fromTree(String page) throws Exception {
        List<RemoteRun> out = new ArrayList<>();
        for (JsonNode run : JSON.readTree(page).path("runs")) {
            out.add(MlflowJson.run(run));
        }
        return out;
    }
}
