package dev.braid.testing;

import dev.braid.app.AppContext;
import dev.braid.shell.DemoWorkspaceOpener;
import dev.braid.shell.Workbench;
import dev.braid.shell.WorkbenchServices;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.TaskRunner;
import dev.braid.ui.Theme;
import dev.braid.ui.ThemeApplier;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The whole Braid window, as {@code BraidApp} builds it (every view, the Add-source dialog's every
 * kind, the demo opener, the receiver switch), on a {@link DemoData} cache, at the size people use
 * (1440×900) in the theme asked for.
 */
public final class DemoWindow implements AutoCloseable {
    public static final int WIDTH = 1440;
    public static final int HEIGHT = 900;
    private final TaskRunner runner;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Workbench workbench;
    private final Scene scene;

    private DemoWindow(AppContext context, Stage stage, Theme theme, TaskRunner runner, boolean whole) {
        this.runner = runner;
        WorkbenchServices services = new WorkbenchServices(context.dirs().dataDir(), context.settings(), context.sources(),
                context.syncRuns(), context.syncEngine(), context.repositories(), Clock.systemDefaultZone(), context.experiments(),
                context.lineage(), context.sourceManager(), context.openLineageImporter());
        DemoWorkspaceOpener opener = new DemoWorkspaceOpener(context.repositories(),
                context.dirs().dataDir(), Clock.systemUTC(), context.experiments(), null, context.openLineageImporter());
        if (whole) {
            services = services.withFeatures(context.features(), context.featureUsage());
            opener = opener.withPipelines(context.pipelines()).withFeatures(context.features());
        }
        workbench = new Workbench(services, runner, scheduler, opener);
        workbench.setLineageReceiver(context::startLineageReceiver, Map.of());
        if (whole) {
            workbench.setGovernance(context.security());
        }
        workbench.setPipelines(context.pipelines());
        workbench.setArtifactory(context.artifactory());
        workbench.experiments().setRunEdits(context.runEdits());
        workbench.experiments().setArtifacts(context.artifacts());
        scene = new Scene(workbench.root(), WIDTH, HEIGHT);
        new ThemeApplier(Map.of()).apply(scene, theme);
        stage.setScene(scene);
        stage.setWidth(WIDTH);
        stage.setHeight(HEIGHT);
        stage.show();
        stage.toFront();
        stage.requestFocus();
        workbench.start();
    }

    /** Shows the window on {@code data}'s cache in {@code stage}; call on the JavaFX thread (a TestFX {@code @Start}). */
    public static DemoWindow show(DemoData data, Stage stage, Theme theme) {
        return new DemoWindow(data.context(), stage, theme, new FxTaskRunner(2), false);
    }

    /**
     * The window exactly as {@code BraidApp} opens it: also the Features and Audit pages (the feature
     * catalogue, governance) and a demo opener that adds the pipelines and feature registry too.
     */
    public static DemoWindow showWhole(DemoData data, Stage stage, Theme theme) {
        return new DemoWindow(data.context(), stage, theme, new FxTaskRunner(2), true);
    }

    /** Like {@link #show(DemoData, Stage, Theme)}, with the window's background work run by {@code runner}. */
    public static DemoWindow show(DemoData data, Stage stage, Theme theme, TaskRunner runner) {
        return new DemoWindow(data.context(), stage, theme, runner, false);
    }

    public Workbench workbench() {
        return workbench;
    }

    public Scene scene() {
        return scene;
    }

    /** Switches the theme, as the settings do. */
    public void theme(Theme theme) {
        new ThemeApplier(Map.of()).apply(scene, theme);
    }

    @Override
    public void close() {
        workbench.close();
        scheduler.shutdownNow();
        if (runner instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
