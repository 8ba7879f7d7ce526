package dev.braid.sync;

import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How an HTTP client of a remote service sends one request, so that every remote (W&B's GraphQL
 * API, the CI and orchestrator APIs, Artifactory) is retried and waited for alike:
 * <ul>
 *   <li>a transient failure (5xx, network, timeout, an answer that broke off) is tried again after
 *       a delay that doubles each time, up to {@code attempts} tries;</li>
 *   <li>a rate limit is waited out when the remote's wait is within {@code maxRateWait}, at most
 *       {@value #MAX_RATE_WAITS} times a request, without using up tries; a longer one fails with
 *       the wait, so that the sync is run again after it;</li>
 *   <li>an answer is awaited at most the request timeout plus a second (the HTTP client's own
 *       timeout covers the headers only, so a body that trickles is cut here);</li>
 *   <li>every wait stops early once the sync is cancelled.</li>
 * </ul>
 * The client decides what a rate limit is (which statuses and headers) and words its failures; this
 * class decides when to try again and how long to wait.
 */
public final class RequestRetry {
    /** How many rate-limit waits one request may take before the sync is left for later. */
    public static final int MAX_RATE_WAITS = 3;
    /** How often a pending answer looks whether the sync was cancelled. */
    public static final long CANCEL_POLL_MS = 100;
    /** The wait when a remote rate-limits without saying for how long. */
    public static final long DEFAULT_RATE_WAIT_MS = 60_000;

    private final Duration timeout;
    private final int attempts;
    private final Duration retryDelay;
    private final Duration maxRateWait;
    private final Sleeper sleeper;
    private final Clock clock;
    private final BooleanSupplier cancelled;
    private final Consumer<String> progress;

    /** A client's failure, as far as retrying goes. */
    public interface Failure {
        /** Worth another try (network, 5xx, timeout). */
        boolean isTransient();

        /** The wait the remote asked for, or -1 for none. */
        long retryAfterMillis();
    }

    /** One try of a request: the answer, or the remote saying it is rate limiting; a failure is thrown. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        Outcome<T> send() throws E;
    }

    /** A client's words for a rate limit. */
    public interface RateLimit<E extends Exception> {
        /** The failure when the remote's wait is longer than the client waits (or it asked too often). */
        E tooLong(int status, long waitMillis);

        /** The progress line while waiting. */
        String waiting(long waitMillis);
    }

    /** What one try brought: an answer, or a rate limit ({@code rateWaitMillis >= 0}) with its HTTP status. */
    public record Outcome<T>(T answer, int status, long rateWaitMillis) {
        public static <T> Outcome<T> done(T answer) {
            return new Outcome<>(answer, 0, -1);
        }

        public static <T> Outcome<T> rateLimited(int status, long waitMillis) {
            return new Outcome<>(null, status, Math.max(0, waitMillis));
        }

        public boolean isRateLimited() {
            return rateWaitMillis >= 0;
        }
    }

    /**
     * @param timeout     per request, answer included
     * @param attempts    tries of a request that failed transiently
     * @param retryDelay  the wait before the second try; it doubles for each further one
     * @param maxRateWait the longest rate-limit wait taken before the sync is left for later
     * @param clock       reads an HTTP-date {@code Retry-After}
     */
    public RequestRetry(Duration timeout, int attempts, Duration retryDelay, Duration maxRateWait, Sleeper sleeper,
                        Clock clock, BooleanSupplier cancelled, Consumer<String> progress) {
        this.timeout = timeout;
        this.attempts = attempts;
        this.retryDelay = retryDelay;
        this.maxRateWait = maxRateWait;
        this.sleeper = sleeper;
        this.clock = clock;
        this.cancelled = cancelled;
        this.progress = progress;
    }

    /** Sends {@code attempt} until it answers, retrying and waiting as this policy says. */
    @SuppressWarnings("unchecked")
    public <T, E extends Exception & Failure> T send(Attempt<T, E> attempt, RateLimit<E> rateLimit) throws E {
        int rateWaits = 0;
        for (int tried = 1; ; tried++) {
            Outcome<T> outcome;
            try {
                outcome = attempt.send();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                E failure = (E) e; // the only checked exception an Attempt<T, E> throws
                if (!failure.isTransient() || failure.retryAfterMillis() >= 0 || tried >= attempts) {
                    throw failure;
                }
                pause(retryDelay.toMillis() << (tried - 1), null);
                continue;
            }
            if (!outcome.isRateLimited()) {
                return outcome.answer();
            }
            long wait = outcome.rateWaitMillis();
            if (wait > maxRateWait.toMillis() || rateWaits >= MAX_RATE_WAITS) {
                throw rateLimit.tooLong(outcome.status(), wait);
            }
            rateWaits++;
            tried--;
            pause(wait, rateLimit.waiting(wait));
        }
    }

    /** Waits {@code millis}, saying {@code message} first when there is one; ends early when cancelled. */
    public void pause(long millis, String message) {
        if (message != null) {
            progress.accept(message);
        }
        try {
            sleeper.sleep(Duration.ofMillis(millis), cancelled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    /**
     * Waits for {@code pending}, looking every {@value #CANCEL_POLL_MS} ms whether the sync was
     * cancelled (then the request is abandoned), for at most the request timeout plus a second.
     *
     * @param where the remote, for the cancellation's message ({@code "GitLab at https://…"})
     * @throws HttpTimeoutException when the answer took longer
     * @throws ExecutionException   when the request failed; its cause says how
     */
    public <T> T await(CompletableFuture<T> pending, String where) throws ExecutionException, HttpTimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        try {
            while (true) {
                try {
                    return pending.get(CANCEL_POLL_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (cancelled.getAsBoolean()) {
                        pending.cancel(true);
                        throw new CancellationException("cancelled while waiting for " + where);
                    }
                    if (System.nanoTime() > deadline) {
                        pending.cancel(true);
                        throw new HttpTimeoutException("body");
                    }
                }
            }
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /**
     * A {@code Retry-After} header's wait in milliseconds: whole seconds, decimal seconds (as W&B
     * sends), or an HTTP date; -1 when absent or unreadable.
     */
    public long retryAfterMillis(String value) {
        if (value == null) {
            return -1;
        }
        String text = value.strip();
        try {
            return Math.max(0, Long.parseLong(text) * 1000);
        } catch (NumberFormatException notWholeSeconds) {
            // A decimal or a date.
        }
        if (text.matches("\\d*\\.\\d+")) {
            return (long) (Double.parseDouble(text) * 1000);
        }
        try {
            return Math.max(0, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()
                    - clock.millis());
        } catch (RuntimeException notADate) {
            return -1;
        }
    }
}
