package dev.braid.lineage.ui;

import dev.braid.lineage.OpenLineageReceiver;
import dev.braid.ui.TaskRunner;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The window's OpenLineage receiver, switched on and off from the Lineage explorer: it listens
 * where the settings say (127.0.0.1:5050 unless the user binds it elsewhere, with a bearer token
 * when they name its environment variable), shows the address clients post to while it runs, says
 * plainly when the port is taken or the token is missing, and counts the new events it stored so
 * the explorer can show them. {@link #close()} stops it when the window goes.
 */
public final class LineageReceiverViewModel implements AutoCloseable {
    private final ReceiverStarter starter;
    private final Callable<OpenLineageReceiver.Settings> settings;
    private final TaskRunner runner;
    private final ScheduledExecutorService scheduler;
    private final Duration pollEvery;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper(this, "address", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyLongWrapper stored = new ReadOnlyLongWrapper(this, "stored");
    // Written on the UI thread, read by the poller on the scheduler's thread.
    private volatile OpenLineageReceiver receiver;
    private ScheduledFuture<?> poller;
    private long lastSeen;

    /** Listens on 127.0.0.1 at {@code port}, without a token. */
    public LineageReceiverViewModel(ReceiverStarter starter, int port, TaskRunner runner, ScheduledExecutorService scheduler,
                                    Duration pollEvery) {
        this(starter, () -> new OpenLineageReceiver.Settings(OpenLineageReceiver.DEFAULT_HOST, port, null), runner, scheduler,
                pollEvery);
    }

    /**
     * {@code settings} is read at each start, so a changed address applies the next time the
     * switch is turned on; it throws, with a message for the user, when they cannot be met (a
     * token variable that is not set). {@code pollEvery}: how often the receiver's counts are read
     * to notice new events.
     */
    public LineageReceiverViewModel(ReceiverStarter starter, Callable<OpenLineageReceiver.Settings> settings, TaskRunner runner,
                                    ScheduledExecutorService scheduler, Duration pollEvery) {
        this.starter = starter;
        this.settings = settings;
        this.runner = runner;
        this.scheduler = scheduler;
        this.pollEvery = pollEvery;
    }

    /** Whether the receiver is listening. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** While starting or stopping. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The address clients post events to while the receiver runs, e.g. http://127.0.0.1:5050/api/v1/lineage; else empty. */
    public ReadOnlyStringProperty addressProperty() {
        return address.getReadOnlyProperty();
    }

    /** What happened last: listening, stopped, or why it could not start. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** New events stored since the receiver started; rises as they arrive. */
    public ReadOnlyLongProperty storedProperty() {
        return stored.getReadOnlyProperty();
    }

    /** Starts or stops the receiver. */
    public void setRunning(boolean on) {
        if (on) {
            start();
        } else {
            stop();
        }
    }

    public void start() {
        if (receiver != null || busy.get()) {
            return;
        }
        OpenLineageReceiver.Settings wanted;
        try {
            wanted = settings.call();
        } catch (Exception e) {
            running.set(false);
            message.set("Could not start the receiver: " + e.getMessage());
            return;
        }
        busy.set(true);
        message.set("Starting the receiver…");
        runner.run(() -> starter.start(wanted), started -> {
            busy.set(false);
            receiver = started;
            lastSeen = 0;
            stored.set(0);
            address.set(started.uri().toString());
            running.set(true);
            message.set("Receiving OpenLineage events: point the client's http transport at " + started.uri()
                    + (wanted.token() == null ? "" : " (bearer token required)"));
            long millis = Math.max(1, pollEvery.toMillis());
            poller = scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        }, failure -> {
            busy.set(false);
            running.set(false);
            message.set(failure instanceof BindException
                    ? "Port " + wanted.port() + " on " + wanted.host() + " is taken (is `braid lineage serve` or another "
                    + "receiver running?). Stop that one, or send events to it instead."
                    : "Could not start the receiver: " + dev.braid.sync.PlainErrors.describe(failure));
        });
    }

    public void stop() {
        OpenLineageReceiver current = receiver;
        if (current == null) {
            return;
        }
        stopPolling();
        receiver = null;
        busy.set(true);
        runner.run(() -> {
            current.close();
            return current.counts();
        }, counts -> {
            busy.set(false);
            running.set(false);
            address.set("");
            message.set("Receiver stopped: " + counts.added() + " new events, " + counts.repeated() + " repeats, "
                    + counts.refused() + " refused.");
        }, failure -> {
            busy.set(false);
            running.set(false);
            address.set("");
            message.set("Receiver stopped: " + dev.braid.sync.PlainErrors.describe(failure));
        });
    }

    /** Stops listening at once, on the calling thread: the window is closing. */
    @Override
    public void close() {
        stopPolling();
        OpenLineageReceiver current = receiver;
        receiver = null;
        if (current != null) {
            current.close();
        }
    }

    private void stopPolling() {
        if (poller != null) {
            poller.cancel(false);
            poller = null;
        }
    }

    /** On the scheduler's thread: hands the count to the UI thread only when new events were stored. */
    private void poll() {
        OpenLineageReceiver current = receiver;
        if (current == null) {
            return;
        }
        long added = current.counts().added();
        if (added != lastSeen) {
            lastSeen = added;
            runner.onUiThread(() -> {
                if (receiver == current) {
                    stored.set(added);
                }
            });
        }
    }
}
