package dev.braid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
    private final FlatJson flat = new FlatJson();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void writesWhatAnObjectMapperWritesAndReadsItBack() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("path", "/home/ada/\u00fcbung \"eins\"\\zwei");
        values.put("control", "tab\tnewline\n\u0001 end");
        values.put("emoji", "\ud83d\ude80 \u2603");
        values.put("", "empty key");
        String text = flat.write(values);
        assertEquals(mapper.writeValueAsString(values), text);
        assertEquals(values, flat.read(text));
        assertEquals(values, mapper.readValue(text, new TypeReference<Map<String, String>>() { }));
        assertEquals("{}", flat.write(Map.of()));
        assertEquals(Map.of(), flat.read("{}"));
    }

    @Test
    void readsNumbersAndBooleansAsTextAndRefusesTheRest() throws Exception {
        assertEquals(Map.of("n", "5000", "b", "true", "d", "0.5"), flat.read("{\"n\": 5000, \"b\": true, \"d\": 0.5}"));
        for (String bad : new String[] {"[1]", "{\"a\": {}}", "{\"a\": []}", "{\"a\": null}", "{\"a\": \"b\"", "x", ""}) {
            assertThrows(IOException.class, () -> flat.read(bad), bad);
        }
    }
}
