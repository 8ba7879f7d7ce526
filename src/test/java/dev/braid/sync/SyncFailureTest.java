package dev.braid.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.PipelineException;
import org.junit.jupiter.api.Test;

class SyncFailureTest {
    @Test
    void aSourcesFailureKeepsItsWaitItsKindAndTheWordsGiven() {
        SyncFailure wait = SyncFailure.from(PipelineException.retryAfter("limited", 5_000), "masked");
        assertEquals("masked", wait.getMessage());
        assertEquals(5_000, wait.retryAfterMillis());
        assertTrue(wait.isTransient());
        assertNull(wait.getCause());

        PipelineException down = PipelineException.transientFailure("down", null);
        SyncFailure again = SyncFailure.from(down, "down");
        assertTrue(again.isTransient());
        assertEquals(-1, again.retryAfterMillis());
        assertSame(down, again.getCause());

        PipelineException refused = PipelineException.permanent("refused", null);
        SyncFailure stop = SyncFailure.from(refused, "refused");
        assertFalse(stop.isTransient());
        assertSame(refused, stop.getCause());
    }
}
