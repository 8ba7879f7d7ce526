package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.repos.CommitRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitFormatTest {
    private static final CommitRow MERGE = new CommitRow("a".repeat(40), List.of("b".repeat(40), "c".repeat(40)),
            "Ada Lovelace", "ada@example.com", OffsetDateTime.parse("2024-05-01T10:00:00+02:00"), "Merge \"x\" into main");

    @Test
    void jsonLineHasTheDocumentedFieldsInOrder() {
        StringWriter text = new StringWriter();
        new JsonOutput(new PrintWriter(text, true)).line(CommitFormat.json(MERGE));
        assertEquals("{\"hash\":\"" + "a".repeat(40) + "\",\"parents\":[\"" + "b".repeat(40) + "\",\"" + "c".repeat(40)
                + "\"],\"author\":\"Ada Lovelace\",\"email\":\"ada@example.com\","
                + "\"authorTime\":\"2024-05-01T10:00:00+02:00\",\"subject\":\"Merge \\\"x\\\" into main\"}",
                text.toString().strip());
    }

    @Test
    void utcIsWrittenAsANumericOffsetLikeGit() {
        assertEquals("2024-05-01T08:00:00+00:00", Times.iso(OffsetDateTime.parse("2024-05-01T08:00:00Z")));
    }

    @Test
    void negativeOffsetsKeepTheirSign() {
        assertEquals("2024-05-01T08:00:05-07:30", Times.iso(OffsetDateTime.parse("2024-05-01T08:00:05-07:30")));
    }

    @Test
    void textLineShowsShortHashDayAuthorAndSubject() {
        assertEquals("aaaaaaa 2024-05-01 Ada Lovelace       Merge \"x\" into main", CommitFormat.text(MERGE));
    }
}
