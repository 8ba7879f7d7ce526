package dev.braid.experiments;

/**
 * One line of the audit log: an edit the user made (outcome PENDING) or what became of it when it
 * was sent (SENT, CONFLICT, FAILED). {@code at} is epoch ms; {@code detail} names the outbox entry
 * and, for conflicts and failures, the server's value or message.
 */
public record AuditEntry(long id, Long sourceId, RunEditAction action, String target, String oldValue,
                         String newValue, long at, String outcome, String detail) {
}
