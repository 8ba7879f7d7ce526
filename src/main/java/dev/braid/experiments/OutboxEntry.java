package dev.braid.experiments;

import java.util.Map;

/**
 * One edit in the outbox. {@code oldValue} is what Braid had cached when the user made the edit
 * and {@code newValue} what the user wants (null: absent or deleted); {@code payload} is the
 * request body sent to MLflow; {@code target} names the changed value for people, e.g.
 * {@code run 1a2b… tag stage}. {@code lastError} holds the last failure or the conflict.
 */
public record OutboxEntry(long id, long sourceId, RunEditAction action, String target, Map<String, String> payload,
                          String oldValue, String newValue, long createdAt, int attempts, OutboxState state,
                          String lastError) {
    public OutboxEntry {
        payload = Frozen.map(payload);
    }
}
