package dev.braid.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times are written: ISO-8601 with a numeric offset in JSON, short local times for people. */
final class Times {
    /** Always seconds and a {@code +hh:mm} offset ({@code +00:00}, never {@code Z}), like {@code git log --format=%aI}. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");

    private Times() {
    }

    static String iso(OffsetDateTime time) {
        return time == null ? null : ISO.format(time);
    }

    /** An instant in UTC, for JSON. */
    static String iso(Instant time) {
        return time == null ? null : ISO.format(time.atOffset(ZoneOffset.UTC));
    }

    /** An instant in the reader's time zone, to the minute; {@code never} for null. */
    static String readable(Instant time, ZoneId zone) {
        return time == null ? "never" : READABLE.format(time.atZone(zone));
    }

    /** The author's own calendar day. */
    static String day(OffsetDateTime time) {
        return DAY.format(time);
    }
}
