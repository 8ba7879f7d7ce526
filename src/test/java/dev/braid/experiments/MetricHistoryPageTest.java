package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed reading of a history page gives what the tree reading ({@link MlflowJson#point}) gives. */
class MetricHistoryPageTest {
    private static final String PAGE = """
            {"metrics": [
              {"key": "loss", "value": 0.5, "timestamp": 1700000000000, "step": 0},
              {"key": "loss", "value": "NaN", "timestamp": "1700000000001", "step": "1", "run_id": "r"},
              {"key": "loss", "value": "Infinity", "timestamp": 1700000000002, "step": 2, "extra": {"a": [1, 2]}},
              {"key": "loss", "value": "-Infinity", "step": 3},
              {"key": "loss", "value": null, "timestamp": 5, "step": 4.0},
              {"key": "loss", "value": 3, "timestamp": 6}
            ], "unknown": [{"x": 1}], "next_page_token": "eyJvZmZzZXQiOiA2fQ=="}""";

    @Test
    void readsEveryPointAsTheTreeReaderDoes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<MetricPoint> streamed = new ArrayList<>();
        String token;
        try (JsonParser parser = json.getFactory().createParser(PAGE)) {
            parser.nextToken();
            token = MetricHistoryPage.read(parser, streamed);
        }
        List<MetricPoint> tree = new ArrayList<>();
        json.readTree(PAGE).path("metrics").forEach(m -> tree.add(MlflowJson.point(m)));
        assertEquals(tree, streamed);
        assertEquals(6, streamed.size());
        assertNull(streamed.get(1).value(), "NaN is kept as a null value");
        assertEquals(Double.POSITIVE_INFINITY, streamed.get(2).value());
        assertEquals(new MetricPoint(1, 1700000000001L, null), streamed.get(1));
        assertEquals("eyJvZmZzZXQiOiA2fQ==", token);
    }

    @Test
    void theLastPageHasNoToken() throws Exception {
        try (JsonParser parser = new ObjectMapper().getFactory().createParser("{\"metrics\": [], \"next_page_token\": \"\"}")) {
            parser.nextToken();
            List<MetricPoint> points = new ArrayList<>();
            assertNull(MetricHistoryPage.read(parser, points));
            assertEquals(0, points.size());
        }
    }
}
