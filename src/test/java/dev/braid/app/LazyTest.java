package dev.braid.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
    @Test
    void makesNothingUntilAskedThenTheSameValueEveryTime() {
        AtomicInteger made = new AtomicInteger();
        Lazy<Object> lazy = Lazy.of(() -> {
            made.incrementAndGet();
            return new Object();
        });
        assertFalse(lazy.isMade());
        assertEquals(0, made.get());
        Object first = lazy.get();
        assertTrue(lazy.isMade());
        assertSame(first, lazy.get());
        assertEquals(1, made.get());
    }

    @Test
    void threadsAskingAtOnceShareOneValue() throws Exception {
        AtomicInteger made = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Lazy<Object> lazy = Lazy.of(() -> {
            made.incrementAndGet();
            sleep();
            return new Object();
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return lazy.get();
                }));
            }
            start.countDown();
            Object value = answers.get(0).get();
            for (Future<Object> answer : answers) {
                assertSame(value, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, made.get());
    }

    @Test
    void aFailedMakeIsTriedAgainNextTime() {
        AtomicInteger attempts = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("not yet");
            }
            return "made";
        });
        assertThrows(IllegalStateException.class, lazy::get);
        assertFalse(lazy.isMade());
        assertEquals("made", lazy.get());
    }

    @Test
    void aMakerReturningNullIsAnError() {
        Lazy<String> lazy = Lazy.of(() -> null);
        assertThrows(IllegalStateException.class, lazy::get);
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
