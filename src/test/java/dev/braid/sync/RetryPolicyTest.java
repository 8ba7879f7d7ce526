package dev.braid.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final SyncFailure network = SyncFailure.transientFailure("down", null);

    @Test
    void delaysGrowExponentiallyWithinTheJitterBand() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(30), Math::random);
        for (int attempt = 1; attempt <= 8; attempt++) {
            long full = Math.min(1000L << (attempt - 1), 30_000);
            long delay = policy.delayAfter(attempt, network).toMillis();
            assertTrue(delay >= full / 2 && delay <= full, attempt + ": " + delay);
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        RetryPolicy low = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
        RetryPolicy high = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 1.0);
        assertEquals(Duration.ofMillis(1000), low.delayAfter(2, network));
        assertEquals(Duration.ofMillis(2000), high.delayAfter(2, network));
    }

    @Test
    void retryAfterWinsButIsCapped() {
        RetryPolicy policy = RetryPolicy.standard();
        assertEquals(Duration.ofSeconds(7), policy.delayAfter(1, SyncFailure.retryAfter("429", 7_000)));
        assertEquals(Duration.ofSeconds(120), policy.delayAfter(1, SyncFailure.retryAfter("429", 86_400_000)));
    }
}
