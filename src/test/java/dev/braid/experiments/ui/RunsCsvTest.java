package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunsCsvTest {
    @Test
    void quotesOnlyWhatNeedsQuotingAndEndsLinesWithCrLf() throws Exception {
        StringWriter out = new StringWriter();
        RunsCsv.write(out, List.of("name", "note"), List.of(Arrays.asList("a,b", "say \"hi\""),
                Arrays.asList("plain", null), List.of("two\nlines", "")));
        assertEquals("name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\nplain,\r\n\"two\nlines\",\r\n", out.toString());
    }
}
