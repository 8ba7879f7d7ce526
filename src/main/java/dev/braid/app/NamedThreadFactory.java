package dev.braid.app;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Daemon threads with readable names whose uncaught errors reach the log instead of vanishing. */
public final class NamedThreadFactory implements ThreadFactory {
    private static final Logger LOG = Logger.getLogger(NamedThreadFactory.class.getName());
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    public NamedThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(work, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.log(Level.SEVERE, "uncaught error on " + t.getName(), e));
        return thread;
    }
}
