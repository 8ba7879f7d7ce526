package dev.braid.experiments;

/** Where an outbox entry stands. Only PENDING entries are ever sent. */
public enum OutboxState {
    /** Applied to the cache, not yet on the server (never tried, or the server could not be reached). */
    PENDING,
    /** On the server. */
    SENT,
    /** Not sent: the server's value had changed since Braid read it. */
    CONFLICT,
    /** Not sent: the server refused it (HTTP 4xx, say); {@code lastError} says why. */
    FAILED
}
