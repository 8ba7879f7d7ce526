package dev.braid.testing;

import dev.braid.sync.SyncContext;
import java.util.concurrent.atomic.AtomicBoolean;

/** Sync contexts for tests: one that is never cancelled, and one that can be. */
public final class TestContexts {
    private TestContexts() {
    }

    public static SyncContext quiet() {
        return new SyncContext() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }

    public static SyncContext cancelledWhen(AtomicBoolean flag) {
        return new SyncContext() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return flag.get();
            }
        };
    }
}
