package dev.braid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedServices.class)
class SharedServicesTest {
    /** A stand-in service that counts its starts; the registry is what is under test here. */
    record Counted(int start, Path dir) implements AutoCloseable {
        @Override
        public void close() {
        }
    }

    private final AtomicInteger starts = new AtomicInteger();

    @Test
    void startsAServiceOnceAndHandsTheSameOneToEveryCaller(SharedServices.Registry services) throws Exception {
        Counted first = services.get("counted-test", Counted.class, dir -> new Counted(starts.incrementAndGet(), dir));
        Counted second = services.get("counted-test", Counted.class, dir -> new Counted(starts.incrementAndGet(), dir));
        assertSame(first, second);
        assertEquals(1, starts.get());
        assertTrue(Files.isDirectory(first.dir()), "each service gets a folder of its own");
    }

    @Test
    void aServiceThatFailedToStartIsNotTriedAgain(SharedServices.Registry services) {
        IllegalStateException first = assertThrows(IllegalStateException.class, () -> services.get("broken-test",
                Counted.class, dir -> {
                    starts.incrementAndGet();
                    throw new java.io.IOException("no such program");
                }));
        assertThrows(IllegalStateException.class, () -> services.get("broken-test", Counted.class,
                dir -> new Counted(starts.incrementAndGet(), dir)));
        assertEquals(1, starts.get());
        assertEquals("no such program", first.getCause().getMessage());
    }
}
