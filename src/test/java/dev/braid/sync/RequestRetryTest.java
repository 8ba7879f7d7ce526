package dev.braid.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestRetryTest {
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> said = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T20:00:00Z"), ZoneOffset.UTC);

    private RequestRetry retry(int attempts) {
        return new RequestRetry(Duration.ofMillis(200), attempts, Duration.ofMillis(500), Duration.ofMinutes(5),
                (duration, stop) -> waits.add(duration), clock, () -> false, said::add);
    }

    private static final RequestRetry.RateLimit<SyncFailure> LIMIT = new RequestRetry.RateLimit<>() {
        @Override
        public SyncFailure tooLong(int status, long waitMillis) {
            return SyncFailure.retryAfter("limited " + status, waitMillis);
        }

        @Override
        public String waiting(long waitMillis) {
            return "waiting " + waitMillis;
        }
    };

    @Test
    void transientFailuresAreTriedAgainAfterADoublingDelay() throws SyncFailure {
        AtomicInteger tries = new AtomicInteger();
        String answer = retry(4).send(() -> {
            if (tries.incrementAndGet() < 4) {
                throw SyncFailure.transientFailure("down", null);
            }
            return RequestRetry.Outcome.done("ok");
        }, LIMIT);
        assertEquals("ok", answer);
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000)), waits);
    }

    @Test
    void theLastTransientFailureAndAnyPermanentOneEndTheRequest() {
        AtomicInteger tries = new AtomicInteger();
        SyncFailure down = SyncFailure.transientFailure("down", null);
        assertSame(down, assertThrows(SyncFailure.class, () -> retry(3).send(() -> {
            tries.incrementAndGet();
            throw down;
        }, LIMIT)));
        assertEquals(3, tries.get());

        SyncFailure refused = SyncFailure.permanent("refused", null);
        assertSame(refused, assertThrows(SyncFailure.class, () -> retry(3).send(() -> {
            throw refused;
        }, LIMIT)));
    }

    @Test
    void rateLimitsAreWaitedOutWithoutUsingUpTriesAtMostThreeTimes() throws SyncFailure {
        AtomicInteger tries = new AtomicInteger();
        String answer = retry(1).send(() -> tries.incrementAndGet() <= 3
                ? RequestRetry.Outcome.rateLimited(429, 2_000) : RequestRetry.Outcome.done("ok"), LIMIT);
        assertEquals("ok", answer);
        assertEquals(List.of("waiting 2000", "waiting 2000", "waiting 2000"), said);

        SyncFailure fourth = assertThrows(SyncFailure.class,
                () -> retry(1).send(() -> RequestRetry.Outcome.rateLimited(429, 2_000), LIMIT));
        assertEquals("limited 429", fourth.getMessage());
        assertEquals(2_000, fourth.retryAfterMillis());
    }

    @Test
    void aRateLimitLongerThanTheLongestWaitIsLeftForLater() {
        SyncFailure later = assertThrows(SyncFailure.class,
                () -> retry(3).send(() -> RequestRetry.Outcome.rateLimited(503, 600_000), LIMIT));
        assertEquals(600_000, later.retryAfterMillis());
        assertEquals(List.of(), waits);
    }

    @Test
    void retryAfterIsReadAsSecondsDecimalSecondsOrAnHttpDate() {
        RequestRetry retry = retry(1);
        assertEquals(30_000, retry.retryAfterMillis(" 30 "));
        assertEquals(1_500, retry.retryAfterMillis("1.5"));
        assertEquals(90_000, retry.retryAfterMillis("Sun, 06 Dec 2026 20:01:30 GMT"));
        assertEquals(0, retry.retryAfterMillis("Sun, 06 Dec 2026 19:00:00 GMT"));
        assertEquals(-1, retry.retryAfterMillis(null));
        assertEquals(-1, retry.retryAfterMillis("soon"));
    }

    @Test
    void anAnswerThatNeverComesTimesOutAndACancelledSyncStopsWaiting() {
        CompletableFuture<String> never = new CompletableFuture<>();
        assertThrows(HttpTimeoutException.class, () -> retry(1).await(never, "here"));
        assertEquals(true, never.isCancelled());

        RequestRetry cancelled = new RequestRetry(Duration.ofMinutes(1), 1, Duration.ZERO, Duration.ZERO,
                (duration, stop) -> { }, clock, () -> true, said::add);
        CompletableFuture<String> pending = new CompletableFuture<>();
        assertThrows(CancellationException.class, () -> cancelled.await(pending, "here"));
        assertThrows(CancellationException.class, () -> cancelled.pause(10, null));
    }
}
