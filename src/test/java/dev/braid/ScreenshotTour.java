package dev.braid;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.braid.shell.Page;
import dev.braid.testing.DemoData;
import dev.braid.testing.DemoWindow;
import dev.braid.ui.Theme;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Pictures of every view at 1440×900, light and dark, on the demo workspace and on an empty data
 * folder, written to {@code docs/screenshots/}. Not part of the test run: it runs only when
 * {@code braid.screenshots} names the output folder, which {@code docs/screenshots/refresh.sh} does.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTour {
    private static final String OUT = System.getProperty("braid.screenshots");
    private DemoData data;
    private DemoWindow window;

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            on(() -> {
                window.close();
                return null;
            });
        }
        if (data != null) {
            data.close();
        }
    }

    @Test
    void demoWorkspace(FxRobot robot) throws Exception {
        assumeTrue(OUT != null, "set braid.screenshots to the output folder to take the pictures");
        data = DemoData.openWhole();
        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            String suffix = theme == Theme.LIGHT ? "light" : "dark";
            Stage stage = open(robot, theme);
            show(Page.REPOSITORIES);
            settle(() -> rows(robot, "#historyTable") > 50);
            robot.clickOn(robot.lookup("#historyTable .table-row-cell").nth(3).<Node>query());
            settle(() -> robot.lookup("#commitDetail").tryQuery().isPresent());
            save(stage, "repositories-" + suffix);
            show(Page.EXPERIMENTS);
            settle(() -> rows(robot, "#runsTable") > 10);
            save(stage, "experiments-runs-" + suffix);
            robot.doubleClickOn(robot.lookup("#runsTable .table-row-cell").nth(4).<Node>query());
            settle(() -> robot.lookup("#runTitle").tryQuery().isPresent());
            save(stage, "experiments-run-" + suffix);
            robot.clickOn(robot.lookup(".tab .tab-label").match(n -> "Runs".equals(((javafx.scene.control.Labeled) n).getText()))
                    .<Node>query());
            robot.clickOn(robot.lookup("#runsTable .table-row-cell").nth(1).<Node>query());
            robot.press(javafx.scene.input.KeyCode.SHIFT).clickOn(robot.lookup("#runsTable .table-row-cell").nth(3).<Node>query())
                    .release(javafx.scene.input.KeyCode.SHIFT);
            robot.clickOn("#compareButton");
            settle(() -> false);
            save(stage, "experiments-compare-" + suffix);
            robot.clickOn("#modelsTab");
            settle(() -> false);
            save(stage, "experiments-models-" + suffix);
            show(Page.LINEAGE);
            settle(() -> false);
            save(stage, "lineage-" + suffix);
            show(Page.PIPELINES);
            settle(() -> rows(robot, "#pipelinesTable") > 5);
            save(stage, "pipelines-" + suffix);
            show(Page.FEATURES);
            settle(() -> rows(robot, "#featureViewsTable") > 0);
            save(stage, "features-" + suffix);
            show(Page.AUDIT);
            settle(() -> true);
            save(stage, "audit-" + suffix);
            show(Page.SOURCES);
            settle(() -> rows(robot, "#sourcesTable") >= 2);
            robot.clickOn(robot.lookup("#sourcesTable .table-row-cell").nth(0).<Node>query());
            save(stage, "sources-" + suffix);
            show(Page.SYNC_LOG);
            settle(() -> rows(robot, "#syncLogTable") >= 2);
            save(stage, "sync-log-" + suffix);
            show(Page.SETTINGS);
            settle(() -> true);
            save(stage, "settings-" + suffix);
            show(Page.REPOSITORIES);
            robot.clickOn("#globalSearch").write("churn");
            settle(() -> false);
            save(stage, "search-" + suffix);
            robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
            on(() -> {
                window.workbench().showAddSource("mlflow");
                return null;
            });
            settle(() -> robot.lookup("#addSourceDialog").tryQuery().isPresent());
            save(stage, "add-source-" + suffix);
            on(() -> {
                robot.lookup("#addSourceDialog").query().getScene().getWindow().hide();
                window.workbench().showAddSource("pipelines");
                return null;
            });
            settle(() -> robot.lookup("#addSourceDialog").tryQuery().isPresent());
            save(stage, "add-source-pipelines-" + suffix);
            on(() -> {
                robot.lookup("#addSourceDialog").query().getScene().getWindow().hide();
                window.close();
                return null;
            });
            window = null;
        }
    }

    @Test
    void emptyDataFolder(FxRobot robot) throws Exception {
        assumeTrue(OUT != null, "set braid.screenshots to the output folder to take the pictures");
        data = DemoData.empty();
        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            String suffix = theme == Theme.LIGHT ? "light" : "dark";
            Stage stage = open(robot, theme);
            settle(() -> robot.lookup("#welcome").tryQuery().isPresent());
            save(stage, "empty-welcome-" + suffix);
            for (Page page : List.of(Page.REPOSITORIES, Page.EXPERIMENTS, Page.LINEAGE, Page.SOURCES)) {
                show(page);
                settle(() -> true);
                save(stage, "empty-" + page.id() + "-" + suffix);
            }
            on(() -> {
                window.close();
                return null;
            });
            window = null;
        }
    }

    private Stage open(FxRobot robot, Theme theme) throws Exception {
        return on(() -> {
            Stage stage = new Stage();
            window = DemoWindow.showWhole(data, stage, theme);
            return stage;
        });
    }

    private void show(Page page) throws Exception {
        on(() -> {
            window.workbench().shell().show(page);
            return null;
        });
    }

    private static int rows(FxRobot robot, String table) {
        return robot.lookup(table).tryQuery().map(n -> ((TableView<?>) n).getItems().size()).orElse(0);
    }

    /** Waits for {@code ready} (at most 20 s), then a moment more for layouts and paints to finish. */
    private static void settle(BooleanSupplier ready) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, ready::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            // Some views have no single sign of being ready: take them as they are after the wait.
        }
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes the window, with any dialog it has open drawn over it where it stands. */
    private static void save(Stage stage, String name) throws Exception {
        BufferedImage picture = on(() -> {
            BufferedImage main = image(stage.getScene());
            for (Window other : Window.getWindows()) {
                if (other != stage && other.isShowing() && other.getScene() != null && other instanceof Stage dialog
                        && dialog.getOwner() == stage) {
                    BufferedImage top = image(other.getScene());
                    int x = (int) Math.max(0, (main.getWidth() - top.getWidth()) / 2.0);
                    int y = (int) Math.max(0, (main.getHeight() - top.getHeight()) / 3.0);
                    main.getGraphics().drawImage(top, x, y, null);
                }
            }
            return main;
        });
        Path folder = Path.of(OUT);
        Files.createDirectories(folder);
        if (!ImageIO.write(picture, "png", folder.resolve(name + ".png").toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private static BufferedImage image(Scene scene) {
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] pixels = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, width, height, pixels, 0, width);
        return out;
    }

    private static <T> T on(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }
}
