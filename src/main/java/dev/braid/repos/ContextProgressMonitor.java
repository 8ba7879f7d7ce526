package dev.braid.repos;

import dev.braid.sync.SyncContext;
import org.eclipse.jgit.lib.ProgressMonitor;

/** Shows JGit's clone and fetch progress through a {@link SyncContext}, and lets the user cancel it. */
final class ContextProgressMonitor implements ProgressMonitor {
    private final SyncContext context;
    private final String prefix;
    private String task = "";
    private int total;
    private int done;

    ContextProgressMonitor(SyncContext context, String prefix) {
        this.context = context;
        this.prefix = prefix;
    }

    @Override
    public void start(int totalTasks) {
        // Tasks are reported one by one as they begin.
    }

    @Override
    public void beginTask(String title, int totalWork) {
        task = title;
        total = totalWork;
        done = 0;
        report();
    }

    @Override
    public void update(int completed) {
        done += completed;
        report();
    }

    @Override
    public void endTask() {
        done = total;
    }

    @Override
    public boolean isCancelled() {
        return context.isCancelled();
    }

    @Override
    public void showDuration(boolean enabled) {
        // Durations are not shown.
    }

    private void report() {
        double fraction = total > 0 ? Math.min(1.0, done / (double) total) : -1;
        context.progress(fraction, prefix + task + (total > 0 ? " " + done + "/" + total : ""));
    }
}
