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
        if (time == null) {
            return null;
        }
        int year = time.getYear();
        int offsetSeconds = time.getOffset().getTotalSeconds();
        if (year < 0 || year > 9999 || offsetSeconds % 60 != 0) {
            return ISO.format(time);
        }
        // The same text as ISO, written by hand: repo log --json writes one per commit, and the
        // formatter was a fifth of the time of listing 100,000 of them.
        char[] text = new char[25];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = offsetSeconds < 0 ? '-' : '+';
        int offsetMinutes = Math.abs(offsetSeconds) / 60;
        digits(text, 20, offsetMinutes / 60, 2);
        text[22] = ':';
        digits(text, 23, offsetMinutes % 60, 2);
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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
