package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical hash is byte for byte the sorted-properties JSON Jackson writes, so kept hashes stay valid. */
class CanonicalHashTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectMapper sortedWriter = new ObjectMapper().configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);
    private final CanonicalHash hash = new CanonicalHash();

    private String reference(JsonNode tree) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sortedWriter.writeValueAsBytes(tree)));
    }

    @Test
    void equalsTheSortedJacksonBytesForEveryKindOfValue() throws Exception {
        for (String json : List.of(
                "{}",
                "{\"b\":1,\"a\":[3,2,{\"z\":null,\"y\":true,\"x\":false}],\"c\":{\"e\":{},\"d\":[]}}",
                "{\"n\":[0,-1,9223372036854775807,123456789012345678901234567890,0.1,1e-7,-2.5E10,3.0]}",
                "{\"s\":\"quote \\\" backslash \\\\ tab \\t newline \\n control \\u0001 unicode é 漢字 😀\"}",
                "{\"Z\":1,\"a\":2,\"_\":3,\"ä\":4,\"10\":5,\"9\":6}",
                "[{\"b\":1,\"a\":2},\"x\",null]")) {
            JsonNode tree = mapper.readTree(json);
            assertEquals(reference(tree), hash.of(tree), json);
        }
    }

    @Test
    void realEventsHashAsBefore() throws Exception {
        var event = Events.run("COMPLETE", "2026-11-28T10:00:00.123+01:00", "3f1c2b9e-8d4a-4b8e-9a57-6c1d2e3f4a5b",
                "pipelines", "clean");
        Events.input(event, Events.versioned("s3://bucket", "raw/events.csv", "9f2c"));
        Events.output(event, Events.dataset("s3://bucket", "clean/events.parquet"));
        Events.runFacets(event);
        Events.jobFacets(event);
        JsonNode tree = mapper.readTree(Events.text(event));
        assertEquals(reference(tree), hash.of(tree));
    }

    @Test
    void orderAndWhitespaceDoNotChangeTheHashButValuesDo() throws Exception {
        String one = hash.of(mapper.readTree("{\"a\": 1, \"b\": [1, 2]}"));
        assertEquals(one, hash.of(mapper.readTree("{\"b\":[1,2],\"a\":1}")));
        assertNotEquals(one, hash.of(mapper.readTree("{\"b\":[2,1],\"a\":1}")));
    }
}
