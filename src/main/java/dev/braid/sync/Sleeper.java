package dev.braid.sync;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits between retries; stops early once {@code stop} turns true. Tests pass one that does not wait. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = (duration, stop) -> {
        long end = System.nanoTime() + duration.toNanos();
        while (!stop.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
        }
    };

    void sleep(Duration duration, BooleanSupplier stop) throws InterruptedException;
}
