package dev.braid.shell;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Starts a sync of every source every few minutes, on the scheduler's thread. */
public final class PeriodicSync {
    private final ScheduledExecutorService scheduler;
    private final Runnable syncAll;
    private ScheduledFuture<?> scheduled;

    public PeriodicSync(ScheduledExecutorService scheduler, Runnable syncAll) {
        this.scheduler = scheduler;
        this.syncAll = syncAll;
    }

    /** Syncs every {@code minutes} from now on, replacing the previous interval; 0 turns it off. */
    public synchronized void schedule(int minutes) {
        stop();
        if (minutes > 0) {
            scheduled = scheduler.scheduleWithFixedDelay(syncAll, minutes, minutes, TimeUnit.MINUTES);
        }
    }

    public synchronized boolean active() {
        return scheduled != null && !scheduled.isDone();
    }

    public synchronized void stop() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
    }
}
