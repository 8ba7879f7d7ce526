package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimesTest {
    private static final DateTimeFormatter GIT_ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    @Test
    void isoTimesAreWhatTheFormatterWritesForEveryYearAndOffset() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            int year = switch (i % 5) {
                case 0 -> 1 + random.nextInt(9999);
                case 1 -> -50 + random.nextInt(100);
                case 2 -> 9990 + random.nextInt(20);
                default -> 1970 + random.nextInt(80);
            };
            int offsetSeconds = switch (i % 4) {
                case 0 -> 0;
                case 1 -> (random.nextInt(36) - 18) * 3600;
                case 2 -> (random.nextInt(18 * 60 * 2) - 18 * 60) * 60;
                default -> random.nextInt(18 * 3600 * 2) - 18 * 3600;
            };
            OffsetDateTime time = OffsetDateTime.of(LocalDateTime.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60)), ZoneOffset.ofTotalSeconds(offsetSeconds));
            assertEquals(GIT_ISO.format(time), Times.iso(time), time.toString());
        }
    }

    @Test
    void isoTimesKeepTheirShape() {
        assertEquals("2024-05-01T10:00:00+02:00", Times.iso(OffsetDateTime.parse("2024-05-01T10:00:00+02:00")));
        assertEquals("0999-01-02T03:04:05+00:00", Times.iso(OffsetDateTime.parse("0999-01-02T03:04:05Z")));
        assertEquals("2017-12-11T08:12:25-09:30", Times.iso(OffsetDateTime.parse("2017-12-11T08:12:25-09:30")));
        assertNull(Times.iso((OffsetDateTime) null));
    }
}
