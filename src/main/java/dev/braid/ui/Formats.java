package dev.braid.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How times and durations look on screen. */
public final class Formats {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DATE_TIME_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Formats() {
    }

    public static String dateTime(OffsetDateTime time) {
        return time == null ? "" : DATE_TIME.format(time);
    }

    public static String dateTime(Instant time, ZoneId zone) {
        return time == null ? "" : DATE_TIME.format(time.atZone(zone));
    }

    public static String dateTimeSeconds(Instant time, ZoneId zone) {
        return time == null ? "" : DATE_TIME_SECONDS.format(time.atZone(zone));
    }

    /** "just now", "5 min ago", "3 h ago", "2 d ago", or "never". */
    public static String ago(Instant time, Instant now) {
        if (time == null) {
            return "never";
        }
        Duration age = Duration.between(time, now);
        if (age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + " d ago";
    }
}
