package dev.braid.security.audit;

import java.time.Instant;

/**
 * One line of the audit trail: a write-back to MLflow (tag, note, run name, alias; with its
 * outcome) or a governance event (scan, refused promotion, override, BOM export, label change).
 *
 * @param actor  who did it; null when the cache does not know (label changes, older write-backs)
 * @param kind   {@code write-back} or {@code governance}
 * @param object what it was done to: a lineage node id, or the write-back's target
 * @param source the MLflow source of a write-back, else null
 */
public record AuditEvent(Instant at, String actor, String kind, String action, String object, String outcome,
                         String detail, String source) {
}
