package dev.braid.experiments;

/**
 * What one round of sending the outbox did. {@code stillPending} entries wait for the next round,
 * {@code reason} says why (the last transient failure), or is null when nothing waits.
 */
public record RunEditReport(int sent, int conflicts, int failed, int stillPending, String reason) {
    static final RunEditReport NOTHING = new RunEditReport(0, 0, 0, 0, null);
}
