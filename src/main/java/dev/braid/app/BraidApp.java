package dev.braid.app;

import dev.braid.shell.CacheProblemView;
import dev.braid.shell.CacheProblemViewModel;
import dev.braid.shell.CredentialDialog;
import dev.braid.shell.DemoWorkspaceOpener;
import dev.braid.shell.Workbench;
import dev.braid.shell.WorkbenchServices;
import dev.braid.store.CacheOpenException;
import dev.braid.store.CacheRecovery;
import dev.braid.store.Settings;
import dev.braid.store.SettingsStore;
import dev.braid.ui.AppIcons;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.Theme;
import dev.braid.ui.ThemeApplier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Braid's window. Opens the cache in the background (the window shows "Opening…" meanwhile),
 * explains a cache it cannot open and offers to move a damaged one aside, then shows the workbench and keeps its size, place and
 * theme in the settings.
 */
public final class BraidApp extends Application {
    /** The window's size on a first start (no bounds saved yet): every page must read whole at it. */
    public static final int LAUNCH_WIDTH = 1280;
    public static final int LAUNCH_HEIGHT = 800;
    private static final Logger LOG = Logger.getLogger(BraidApp.class.getName());
    private final Clock clock = Clock.systemDefaultZone();
    private final ThemeApplier themes = new ThemeApplier(System.getenv());
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            new NamedThreadFactory("braid-scheduler"));
    private AppContext context;
    private Workbench workbench;
    private Stage stage;
    private Scene scene;

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        DataDirectories dirs = DataDirectories.resolve(dataDirArgument(getParameters()), System.getenv());
        scene = new Scene(opening(dirs), LAUNCH_WIDTH, LAUNCH_HEIGHT);
        Settings saved = new SettingsStore(dirs.settingsFile()).load();
        themes.apply(scene, Theme.fromSetting(saved.theme()));
        stage.setTitle("Braid");
        AppIcons.addTo(stage);
        stage.setScene(scene);
        restoreBounds(saved.window());
        stage.show();
        open(dirs);
    }

    private static Parent opening(DataDirectories dirs) {
        VBox opening = new VBox(12, new ProgressIndicator(), new Label("Opening " + dirs.dataDir() + "…"));
        opening.setAlignment(Pos.CENTER);
        return opening;
    }

    private void open(DataDirectories dirs) {
        runner.run(() -> prepared(AppContext.open(dirs, clock, new CredentialDialog(runner))), this::show, failure -> {
            if (failure instanceof CacheOpenException cache) {
                offerRecovery(dirs, cache);
            } else {
                LOG.log(Level.SEVERE, "could not open the cache", failure);
                fatal("Braid could not open its data folder", dirs.dataDir() + ": " + failure.getMessage());
            }
        });
    }

    /**
     * Makes, off the JavaFX thread, the services {@link #show} hands to the window: the context
     * makes each on first use (the HTTP client among them), which must not hold up a frame.
     */
    private static AppContext prepared(AppContext context) {
        context.settings();
        context.syncEngine();
        context.repositories();
        context.experiments();
        context.runEdits();
        context.artifacts();
        context.lineage();
        context.openLineageIngest();
        context.features();
        context.featureUsage();
        return context;
    }

    private void show(AppContext opened) {
        this.context = opened;
        WorkbenchServices services = new WorkbenchServices(opened.dirs().dataDir(), opened.settings(), opened.sources(),
                opened.syncRuns(), opened.syncEngine(), opened.repositories(), opened.clock(), opened.experiments(),
                opened.lineage(), opened.sourceManager(), opened.openLineageImporter())
                .withFeatures(opened.features(), opened.featureUsage());
        workbench = new Workbench(services, runner, scheduler,
                new DemoWorkspaceOpener(opened.repositories(), opened.dirs().dataDir(), clock, opened.experiments(),
                        null, opened.openLineageImporter()).withPipelines(opened.pipelines())
                        .withFeatures(opened.features()));
        workbench.setLineageReceiver(opened::startLineageReceiver, System.getenv());
        workbench.setGovernance(opened.security());
        workbench.setPipelines(opened.pipelines());
        workbench.setArtifactory(opened.artifactory());
        if (workbench.experiments() != null) {
            workbench.experiments().setRunEdits(opened.runEdits());
            workbench.experiments().setArtifacts(opened.artifacts());
        }
        workbench.settingsModel().artifactCapMbProperty().addListener(
                (obs, old, now) -> opened.artifacts().setSizeCap(Settings.bytes(now.intValue())));
        workbench.settingsModel().logCapMbProperty().addListener(
                (obs, old, now) -> runner.run(() -> {
                    opened.pipelines().setLogCap(Settings.bytes(now.intValue()));
                    return null;
                }, done -> { }, failure -> LOG.log(Level.WARNING, "could not apply the job-log cap", failure)));
        scene.setRoot(workbench.root());
        themes.apply(scene, workbench.settingsModel().themeProperty().get());
        workbench.settingsModel().themeProperty().addListener((obs, old, now) -> themes.apply(scene, now));
        stage.xProperty().addListener(obs -> rememberBounds());
        stage.yProperty().addListener(obs -> rememberBounds());
        stage.widthProperty().addListener(obs -> rememberBounds());
        stage.heightProperty().addListener(obs -> rememberBounds());
        stage.maximizedProperty().addListener(obs -> rememberBounds());
        workbench.start();
    }

    private void offerRecovery(DataDirectories dirs, CacheOpenException problem) {
        LOG.log(Level.SEVERE, "cache problem: " + problem.getMessage(), problem);
        Runnable rebuild = () -> runner.run(() -> new CacheRecovery(clock).moveAsideAndRebuild(problem.file()), done -> {
            LOG.info("moved the damaged cache to " + done.movedTo() + ", restored " + done.sourcesRestored() + " sources"
                    + (done.salvageProblem() == null ? "" : "; " + done.salvageProblem()));
            scene.setRoot(opening(dirs));
            open(dirs);
        }, failure -> fatal("Could not move the cache aside", failure.getMessage()));
        String details = problem.userMessage() + (problem.problem().canRebuild()
                ? "\n\nMoving it aside renames the file and keeps it next to the new one; nothing is deleted. "
                + "Braid then starts a new cache with the sources it can still read from the old one; syncing "
                + "them brings the rest back." : "");
        scene.setRoot(new CacheProblemView(new CacheProblemViewModel(problem.problem().summary(), details,
                problem.problem().canRebuild() ? rebuild : null, Platform::exit)).node());
        themes.apply(scene, Theme.fromSetting(new SettingsStore(dirs.settingsFile()).load().theme()));
    }

    private void fatal(String summary, String details) {
        scene.setRoot(new CacheProblemView(new CacheProblemViewModel(summary, details, null, Platform::exit)).node());
    }

    private void restoreBounds(Settings.WindowBounds bounds) {
        if (bounds == null) {
            return;
        }
        boolean visible = Screen.getScreensForRectangle(new Rectangle2D(bounds.x(), bounds.y(),
                Math.max(1, bounds.width()), Math.max(1, bounds.height()))).size() > 0;
        if (visible) {
            stage.setX(bounds.x());
            stage.setY(bounds.y());
        }
        stage.setWidth(Math.max(640, bounds.width()));
        stage.setHeight(Math.max(480, bounds.height()));
        stage.setMaximized(bounds.maximized());
    }

    private void rememberBounds() {
        if (workbench == null || stage.isIconified()) {
            return;
        }
        Settings.WindowBounds previous = workbench.settings().current().window();
        // While maximised keep the normal bounds, so that un-maximising restores them.
        Settings.WindowBounds bounds = stage.isMaximized() && previous != null
                ? new Settings.WindowBounds(previous.x(), previous.y(), previous.width(), previous.height(), true)
                : new Settings.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        workbench.settings().update(s -> s.withWindow(bounds));
    }

    @Override
    public void stop() {
        if (workbench != null) {
            rememberBounds();
            workbench.close();
        }
        scheduler.shutdownNow();
        runner.close();
        if (context != null) {
            context.close();
        }
    }

    /** {@code --data-dir=DIR} or {@code --data-dir DIR}; null when neither was given. */
    static Path dataDirArgument(Parameters parameters) {
        String named = parameters.getNamed().get("data-dir");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        List<String> raw = parameters.getRaw();
        int at = raw.indexOf("--data-dir");
        return at >= 0 && at + 1 < raw.size() ? Path.of(raw.get(at + 1)) : null;
    }
}
