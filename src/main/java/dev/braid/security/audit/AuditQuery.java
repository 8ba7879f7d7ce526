package dev.braid.security.audit;

import java.time.Instant;

/**
 * Which audit lines to show. Text filters match anywhere, ignoring case; null or blank means any.
 *
 * @param user   part of the actor's name
 * @param object part of the object's id or name
 * @param from   the earliest time (inclusive), or null
 * @param until  the latest time (exclusive), or null
 * @param limit  at most this many lines, newest first
 */
public record AuditQuery(String user, String object, Instant from, Instant until, int limit) {
    /** Everything, newest first, up to {@code limit} lines. */
    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, null, limit);
    }
}
