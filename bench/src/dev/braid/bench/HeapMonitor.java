package dev.braid.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Watches the Java heap while something runs: samples the used heap every few milliseconds, and
 * also sums the heap pools' own peak counters (an upper bound, since pools peak at different
 * moments). Together with a hard {@code -Xmx} they bound the peak from both sides.
 *
 * <p>It does not call {@code System.gc()} first: a full collection right before the measured
 * work shrinks the committed heap (to 44 MB in the repository benchmark), so the work then paid
 * for growing it again with a series of extra collections. Garbage left from before can only
 * raise the sampled peak, so the figure stays an upper bound.
 */
final class HeapMonitor implements AutoCloseable {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long sampledPeak;

    HeapMonitor() {
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        var memory = ManagementFactory.getMemoryMXBean();
        while (running) {
            sampledPeak = Math.max(sampledPeak, memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long sampledPeakBytes() {
        return sampledPeak;
    }

    long poolPeakSumBytes() {
        return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }
}
