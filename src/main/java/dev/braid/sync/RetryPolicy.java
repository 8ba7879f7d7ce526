package dev.braid.sync;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter for transient sync failures; honours a remote's Retry-After. */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, DoubleSupplier random) {
    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Math::random);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, () -> 0);
    }

    /** The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed. */
    public Duration delayAfter(int attempt, SyncFailure failure) {
        if (failure.retryAfterMillis() >= 0) {
            return Duration.ofMillis(Math.min(failure.retryAfterMillis(), maxDelay.toMillis() * 4));
        }
        long exponential = baseDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(exponential, maxDelay.toMillis());
        // "Equal jitter": half the delay fixed, half random, so retries from many clients spread out.
        return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped / 2.0)));
    }
}
