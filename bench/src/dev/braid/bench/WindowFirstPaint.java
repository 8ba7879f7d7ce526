package dev.braid.bench;

import java.time.Duration;
import java.time.Instant;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Window;

/**
 * The window's first paint as a user waits for it: from the moment the process started (the
 * kernel's start time, so JVM start-up counts) to the first frame laid out with a table showing
 * rows read from the cache (the Repositories view's history, on a data folder that holds a
 * repository). Starts Braid's own entry point, {@code dev.braid.app.Main}, with no command (the
 * window), watches its windows' pulses, prints both figures and exits.
 *
 * <pre>java [launcher options] -Dglass.platform=Monocle ... dev.braid.bench.WindowFirstPaint DATA_DIR</pre>
 *
 * Prints {@code first frame: N ms} (the window with anything in it) and {@code first frame with
 * cached data: N ms}. Gives up after {@code -Dbench.window.timeout} seconds (default 600).
 */
public final class WindowFirstPaint {
    private static Instant started;
    private static volatile boolean framed;

    private WindowFirstPaint() {
    }

    public static void main(String[] args) throws Exception {
        started = ProcessHandle.current().info().startInstant().orElseThrow();
        Thread watcher = new Thread(WindowFirstPaint::watch, "first-paint-watcher");
        watcher.setDaemon(true);
        watcher.start();
        // On a heavily shared machine the JVM's defaults took more than two minutes (load 29-41).
        long limit = Long.getLong("bench.window.timeout", 600);
        Thread timeout = new Thread(() -> {
            sleep(limit * 1000);
            System.out.println("no frame with cached data within " + limit + " s");
            System.exit(1);
        }, "first-paint-timeout");
        timeout.setDaemon(true);
        timeout.start();
        dev.braid.app.Main.main(new String[] {"--data-dir", args[0]});
    }

    /** Waits for the toolkit, then watches every window's pulses. */
    private static void watch() {
        while (true) {
            try {
                Platform.runLater(() -> {
                    Window.getWindows().forEach(WindowFirstPaint::watch);
                    Window.getWindows().addListener((ListChangeListener<Window>) change -> {
                        while (change.next()) {
                            change.getAddedSubList().forEach(WindowFirstPaint::watch);
                        }
                    });
                });
                return;
            } catch (IllegalStateException toolkitNotYetStarted) {
                sleep(2);
            }
        }
    }

    private static void watch(Window window) {
        if (window.getScene() != null) {
            watch(window.getScene());
        }
        window.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                watch(scene);
            }
        });
    }

    private static void watch(Scene scene) {
        scene.addPostLayoutPulseListener(() -> {
            if (!framed && scene.getWindow() != null && scene.getWindow().isShowing()) {
                framed = true;
                System.out.println("first frame: " + sinceStart() + " ms");
            }
            if (hasRows(scene.getRoot())) {
                System.out.println("first frame with cached data: " + sinceStart() + " ms");
                System.out.flush();
                Runtime.getRuntime().halt(0);
            }
        });
    }

    private static boolean hasRows(Node root) {
        if (root == null) {
            return false;
        }
        for (Node node : root.lookupAll(".table-view")) {
            if (node instanceof TableView<?> table && !table.getItems().isEmpty() && table.isVisible()
                    && table.getScene() != null && table.getHeight() > 0) {
                return true;
            }
        }
        return false;
    }

    private static long sinceStart() {
        return Duration.between(started, Instant.now()).toMillis();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
