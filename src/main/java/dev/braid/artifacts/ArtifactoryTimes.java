package dev.braid.artifacts;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Artifactory's times. Its REST answers use ISO 8601 with a {@code Z} or {@code +02:00} offset;
 * build-info uses {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ} ({@code +0300}, no colon), as JFrog's clients
 * write it.
 */
final class ArtifactoryTimes {
    private static final DateTimeFormatter BUILD_INFO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private ArtifactoryTimes() {
    }

    /** Epoch milliseconds, or -1 for a missing or unreadable time. */
    static long millis(String text) {
        if (text == null || text.isBlank()) {
            return -1;
        }
        try {
            return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException notIso) {
            try {
                return OffsetDateTime.parse(text.strip(), BUILD_INFO).toInstant().toEpochMilli();
            } catch (DateTimeParseException notBuildInfo) {
                return -1;
            }
        }
    }
}
