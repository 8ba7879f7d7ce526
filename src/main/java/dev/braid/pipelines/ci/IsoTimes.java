package dev.braid.pipelines.ci;

import java.time.LocalDate;

/**
 * Reads the one ISO-8601 shape APIs send most, {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)},
 * without {@code java.time}'s formatter machinery. Anything else, or a field out of range, is left
 * to the caller (null), so the result is always what {@code OffsetDateTime.parse} gives.
 */
final class IsoTimes {
    private IsoTimes() {
    }

    /** Epoch milliseconds (the fraction cut to milliseconds, as {@code toEpochMilli} does), or null. */
    static Long parse(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        int at = 19;
        int millis = 0;
        if (at < n && t.charAt(at) == '.') {
            int start = ++at;
            while (at < n && t.charAt(at) >= '0' && t.charAt(at) <= '9') {
                if (at - start < 3) {
                    millis = millis * 10 + (t.charAt(at) - '0');
                }
                at++;
            }
            int count = at - start;
            if (count == 0 || count > 9) {
                return null;
            }
            for (int i = count; i < 3; i++) {
                millis *= 10;
            }
        }
        int offsetSeconds;
        if (at == n - 1 && t.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == n - 6 && (t.charAt(at) == '+' || t.charAt(at) == '-') && t.charAt(at + 3) == ':') {
            int oh = digits(t, at + 1, 2);
            int om = digits(t, at + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (t.charAt(at) == '-' ? -1 : 1);
        } else {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1000L + millis;
    }

    /** The number in {@code count} digits at {@code from}, or -1. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
