package dev.braid.security.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.experiments.ui.ExperimentsViewHandle;
import dev.braid.experiments.ui.ModelRegistryViewHandle;
import dev.braid.lineage.MlflowLineageStep;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.shell.WorkbenchServices;
import dev.braid.sync.Source;
import dev.braid.testing.TestContexts;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The governance panel of a model version in the Models tab, on a local MLflow store with a
 * malicious pickle: not scanned at first, "Scan now" finds the dangerous file, the panel says an
 * alias needs an override, and the Audit page lists the scan.
 */
@ExtendWith(ApplicationExtension.class)
class VersionGovernanceViewTest {
    private static Path folder;
    private static AppContext context;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;
    private Stage stage;

    /** Seeding the store takes longer than TestFX gives a window to start. */
    @BeforeAll
    static void seed() throws Exception {
        folder = Files.createTempDirectory("braid-governance");
        context = GitFixture.open(folder.resolve("braid"));
        Source source = context.experiments().addMlflow(LocalModelStore.uri(), "local", null, null, null);
        MlflowLineageStep.after(context.mlflowSyncer(), context.lineage()).sync(source, TestContexts.quiet());
    }

    @AfterAll
    static void closeCache() {
        if (context != null) {
            context.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        WorkbenchServices services = GitFixture.services(context, context.experiments(), context.lineage());
        workbench = new Workbench(services, runner, scheduler, null);
        workbench.setGovernance(context.security());
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void close() {
        workbench.close();
        scheduler.shutdownNow();
        runner.close();
    }

    @Test
    void scanningAMaliciousVersionShowsTheDangerousFileAndTheAuditLine(FxRobot robot) throws Exception {
        ExperimentsViewHandle experiments = new ExperimentsViewHandle(robot);
        new ShellViewHandle(robot).navigateTo("Experiments");
        ModelRegistryViewHandle models = new ModelRegistryViewHandle(robot);
        experiments.waitUntil(() -> robot.lookup("#experimentTabs").tryQuery().isPresent());
        models.open();
        experiments.waitUntil(() -> models.models().contains("local-clf"));
        models.selectModel("local-clf");
        experiments.waitUntil(() -> models.versions().size() == 3);
        // The version number's own cell: the row's middle may hold a link to the source run.
        robot.clickOn(robot.lookup("#versionsTable .table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && "3".equals(c.getText()) && c.getTableColumn().getText().equals("Version")).<Node>query());
        experiments.waitUntil(() -> text(robot, "#governanceScan").equals("Scan: not scanned"));
        assertTrue(text(robot, "#governancePromotion").contains("needs an explicit override"));

        robot.clickOn("#governanceScanButton");
        experiments.waitUntil(() -> text(robot, "#governanceScan").startsWith("Scan: dangerous · 4 files scanned"));
        ListView<?> findings = robot.lookup("#governanceFindings").queryAs(ListView.class);
        experiments.waitUntil(() -> findings.getItems().stream().anyMatch(i -> i.toString().contains("model/model.pkl")
                && i.toString().contains("posix.system")));
        assertTrue(robot.lookup("#governanceScan").query().getStyleClass().contains("scan-rating-dangerous"));
        Snapshots.save(stage.getScene(), "governance-panel");

        new ShellViewHandle(robot).navigateTo("Audit");
        TableView<?> audit = robot.lookup("#auditTable").queryAs(TableView.class);
        experiments.waitUntil(() -> audit.getItems().stream().anyMatch(r -> r instanceof AuditRow a
                && a.action().equals("SCAN") && a.outcome().equals("dangerous")));
        Snapshots.save(stage.getScene(), "audit-page");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Labeled) n).getText()).orElse("");
    }
}
