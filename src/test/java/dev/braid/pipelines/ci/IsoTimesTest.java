package dev.braid.pipelines.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read ISO-8601 times are exactly what {@code java.time} reads, and everything else falls through to it. */
class IsoTimesTest {
    @Test
    void randomTimesInEveryShapeReadAsJavaTimeReadsThem() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            long millis = (long) (random.nextDouble() * 8_000_000_000_000L) - 1_000_000_000_000L;
            int nanos = random.nextInt(1_000_000_000);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(37) - 18) * 1800);
            OffsetDateTime time = OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis).plusNanos(nanos % 1_000_000),
                    offset);
            for (String text : List.of(time.toString(), time.toInstant().toString(),
                    time.withNano(0).toString(), time.toInstant().toString().replace("Z", "+00:00"))) {
                assertEquals(javaTime(text), CiJson.parseTime(text), text);
                if (text.length() >= 20 && text.charAt(19) != ':') {
                    Long fast = IsoTimes.parse(text);
                    if (fast != null) {
                        assertEquals(javaTime(text), fast, text);
                    }
                }
            }
        }
    }

    @Test
    void theUsualShapesAreReadByHandAndOddOnesLeftToJavaTime() {
        assertEquals(1_767_225_600_123L, IsoTimes.parse("2026-01-01T00:00:00.123456Z"));
        assertEquals(1_767_225_600_000L - 7_200_000L, IsoTimes.parse("2026-01-01T00:00:00+02:00"));
        assertEquals(1_767_225_600_500L, IsoTimes.parse("2026-01-01T00:00:00.5Z"));
        for (String odd : List.of("2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00Z", "2026-01-01T00:00:00",
                "2026-01-01 00:00:00Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00+0200", "+12026-01-01T00:00:00Z",
                "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:60Z")) {
            assertNull(IsoTimes.parse(odd), odd);
            assertEquals(javaTime(odd), CiJson.parseTime(odd), odd);
        }
    }

    private static Long javaTime(String text) {
        try {
            return java.time.Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
