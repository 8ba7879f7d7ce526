package dev.braid.ui;

import dev.braid.app.AppContext;
import dev.braid.shell.DemoWorkspaceOpener;
import dev.braid.shell.Workbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** A real Braid window on a cache in a temporary folder, for view tests. */
public final class WindowFixture implements AutoCloseable {
    private final Path folder;
    private final AppContext context;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    public WindowFixture() throws Exception {
        folder = Files.createTempDirectory("braid-window");
        context = GitFixture.open(folder.resolve("braid"));
    }

    public Path folder() {
        return folder;
    }

    public AppContext context() {
        return context;
    }

    /** Builds the workbench into {@code stage}, shows it and gives it focus (headless stages do not take it). */
    public Workbench show(Stage stage) {
        workbench = new Workbench(GitFixture.services(context), runner, scheduler,
                new DemoWorkspaceOpener(context.repositories(), context.dirs().dataDir(), context.clock()));
        return showIn(stage, workbench);
    }

    /**
     * Puts {@code workbench} into {@code stage} at 1280×800 in the light theme, shows it, gives it
     * focus (headless stages do not take it) and starts it.
     */
    public static Workbench showIn(Stage stage, Workbench workbench) {
        Scene scene = new Scene(workbench.root(), 1280, 800);
        new ThemeApplier(Map.of()).apply(scene, Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
        stage.toFront();
        stage.requestFocus();
        workbench.start();
        return workbench;
    }

    @Override
    public void close() throws IOException {
        if (workbench != null) {
            workbench.close();
        }
        scheduler.shutdownNow();
        runner.close();
        context.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
