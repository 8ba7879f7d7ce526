package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The streaming JSON writer writes every value as Jackson's data binding writes it. */
class JsonOutputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Pair(String name, int count) {
    }

    @Test
    void everyKindOfValueIsWrittenAsDataBindingWritesIt() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "a \"quoted\"\nline");
        value.put("number", 42L);
        value.put("fraction", 0.25);
        value.put("flag", true);
        value.put("nothing", null);
        value.put("list", List.of(1, "two", List.of(3)));
        value.put("set", Set.of("one"));
        value.put("enum", java.time.DayOfWeek.MONDAY);
        value.put("record", new Pair("x", 2));
        value.put("tree", MAPPER.readTree("{\"a\":[1,{\"b\":null}],\"c\":\"d\"}"));
        value.put("path", Path.of("/tmp/some file"));
        assertEquals(MAPPER.writeValueAsString(value), line(value));
    }

    @Test
    void aJsonTreeAtTheTopIsAnObjectNotTheListOfItsValues() throws Exception {
        var tree = MAPPER.readTree("{\"summary\":{\"rating\":\"safe\"},\"files\":[]}");
        assertEquals(MAPPER.writeValueAsString(tree), line(tree));
    }

    private static String line(Object value) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        new JsonOutput(out).line(value);
        out.flush();
        return text.toString().strip();
    }
}
