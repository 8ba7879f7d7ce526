package dev.braid.security.scan;

import java.util.Objects;

/**
 * One thing a scan found in a file.
 *
 * @param location where in the file: {@code ""} for the file itself, else a member path inside an
 *                 archive ({@code archive/data.pkl}), with {@code " > "} between nesting levels
 * @param rating   how worrying it is
 * @param kind     what sort of finding (see {@link FindingKind})
 * @param subject  what it is about: an import ({@code os.system}), a layer, a path; may be empty
 * @param message  one sentence for people
 */
public record Finding(String location, Rating rating, FindingKind kind, String subject, String message) {
    public Finding {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(kind, "kind");
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(message, "message");
    }

    /** The same finding one level deeper, inside {@code outer}. */
    public Finding within(String outer) {
        if (outer == null || outer.isEmpty()) {
            return this;
        }
        return new Finding(location.isEmpty() ? outer : outer + " > " + location, rating, kind, subject, message);
    }
}
