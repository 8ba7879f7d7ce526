package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsColumnsAndLeavesTheLastOneUnpadded() {
        StringWriter text = new StringWriter();
        new TextTable("NAME", "COMMITS", "LOCATION").row("braid", 1200, "/src/braid").row("x", null, "/x")
                .print(new PrintWriter(text, true));
        assertEquals(String.join(System.lineSeparator(),
                "NAME   COMMITS  LOCATION",
                "braid  1200     /src/braid",
                "x               /x", ""), text.toString());
    }

    @Test
    void rowsMustMatchTheHeadings() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").row("only one"));
    }

    @Test
    void fitCutsLongTextWithAnEllipsis() {
        assertEquals("Ada Love…", TextTable.fit("Ada Lovelace", 9));
        assertEquals("Ada   ", TextTable.fit("Ada", 6));
    }
}
