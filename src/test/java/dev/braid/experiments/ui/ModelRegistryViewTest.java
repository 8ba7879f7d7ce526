package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.app.AppContext;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.shell.WorkbenchServices;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Models tab on a cache with runs, registered versions and logged models: select, follow links both ways. */
@ExtendWith(ApplicationExtension.class)
class ModelRegistryViewTest {
    private Path folder;
    private AppContext context;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    @Start
    void start(Stage stage) throws Exception {
        folder = Files.createTempDirectory("braid-registry");
        context = GitFixture.open(folder.resolve("braid"));
        ExperimentRows.churn(context);
        RegistryRows.write(context);
        WorkbenchServices services = GitFixture.services(context, context.experiments(), null);
        workbench = new Workbench(services, runner, scheduler, null);
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void close() throws Exception {
        workbench.close();
        scheduler.shutdownNow();
        runner.close();
        context.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private ModelRegistryViewHandle openModels(FxRobot robot, ExperimentsViewHandle experiments) throws Exception {
        new ShellViewHandle(robot).navigateTo("Experiments");
        experiments.waitUntil(() -> experiments.runNames().size() == 4);
        ModelRegistryViewHandle models = new ModelRegistryViewHandle(robot);
        models.open();
        experiments.waitUntil(() -> models.models().size() == 2);
        return models;
    }

    @Test
    void choosingAModelShowsItsVersionsAndTheSourceRunLinkOpensTheRun(FxRobot robot) throws Exception {
        ExperimentsViewHandle experiments = new ExperimentsViewHandle(robot);
        ModelRegistryViewHandle models = openModels(robot, experiments);

        models.selectModel("fraud-detector");
        experiments.waitUntil(() -> models.versions().equals(List.of("1")));
        models.selectModel("churn-classifier");
        experiments.waitUntil(() -> models.versions().equals(List.of("3", "2 @champion", "1 @challenger")));
        assertEquals(List.of("draft", "lgbm-model"), models.loggedModels());

        models.clickSourceRun("2");

        experiments.waitUntil(() -> experiments.runTitle().equals("lgbm-run"));
        assertEquals("lgbm-run", models.selectedTab());
    }

    @Test
    void theRunDetailLinksToTheVersionsAndLoggedModelsMadeFromTheRun(FxRobot robot) throws Exception {
        ExperimentsViewHandle experiments = new ExperimentsViewHandle(robot);
        new ShellViewHandle(robot).navigateTo("Experiments");
        experiments.waitUntil(() -> experiments.runNames().size() == 4);
        ModelRegistryViewHandle models = new ModelRegistryViewHandle(robot);

        experiments.openRun("lgbm-run");
        experiments.waitUntil(() -> models.registeredLinks().equals(
                List.of("churn-classifier v2 @champion", "Logged model lgbm-model (ready)")));
        models.clickRegistered("churn-classifier v2 @champion");

        experiments.waitUntil(() -> "Models".equals(models.selectedTab()) && "2".equals(models.selectedVersion()));
        assertEquals(List.of("3", "2 @champion", "1 @challenger"), models.versions());
    }

    @Test
    void theNameFilterNarrowsTheModelsAndLoggedModels(FxRobot robot) throws Exception {
        ExperimentsViewHandle experiments = new ExperimentsViewHandle(robot);
        ModelRegistryViewHandle models = openModels(robot, experiments);

        models.filter("fraud");

        experiments.waitUntil(() -> models.models().equals(List.of("fraud-detector")) && models.versions().equals(List.of("1")));
        assertEquals(List.of(), models.loggedModels());
    }
}
