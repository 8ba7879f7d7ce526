package dev.braid.pipelines.ci;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Small readers for the fields CI APIs send: ISO-8601 times, optional text and numbers. */
public final class CiJson {
    private CiJson() {
    }

    /** An ISO-8601 time ({@code 2024-05-01T10:00:00.123Z} or with an offset) in epoch ms; null when absent or unreadable. */
    public static Long time(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        return parseTime(value.asText());
    }

    /**
     * Epoch milliseconds of an ISO-8601 time ({@code 2026-01-01T10:00:00.123456Z}, {@code +02:00}
     * offsets too), or null when it is not one. The usual shape is read by hand: a first sync reads a
     * few times per task instance, and {@code Instant.parse} was a quarter of an Airflow sync's
     * fetching CPU (docs/benchmarks.md); anything else goes through {@code java.time}.
     */
    public static Long parseTime(String text) {
        Long fast = IsoTimes.parse(text);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** ISO-8601 UTC for a query parameter. */
    public static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    public static Long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.asLong();
        }
        return value.isTextual() && value.asText().matches("-?\\d+") ? Long.valueOf(value.asText()) : null;
    }

    /** Seconds (possibly fractional) as milliseconds. */
    public static Long seconds(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? Long.valueOf(Math.round(value.asDouble() * 1000)) : null;
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The first line of a commit message. */
    public static String subject(String message) {
        if (message == null) {
            return null;
        }
        int nl = message.indexOf('\n');
        return (nl >= 0 ? message.substring(0, nl) : message).strip();
    }
}
