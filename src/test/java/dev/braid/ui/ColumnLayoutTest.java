package dev.braid.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnLayoutTest {

    @Test
    void encodesOrderAndWidthsAndReadsThemBack() {
        Map<String, Double> layout = new LinkedHashMap<>();
        layout.put("subject", 420.4);
        layout.put("graph", 90.0);
        String text = ColumnLayout.encode(layout);

        assertEquals("subject=420;graph=90", text);
        Map<String, Double> back = ColumnLayout.decode(text);
        assertEquals(List.of("subject", "graph"), List.copyOf(back.keySet()));
        assertEquals(420.0, back.get("subject"));
    }

    @Test
    void skipsWhatItCannotRead() {
        Map<String, Double> back = ColumnLayout.decode("a=12;broken;=4;b=wide;c=-3;d=30");

        assertEquals(Map.of("a", 12.0, "d", 30.0), back);
        assertTrue(ColumnLayout.decode(null).isEmpty());
    }
}
