package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryViewModelTest {
    @TempDir
    Path tmp;
    private ExperimentRows rows;
    private ModelRegistryViewModel model;
    private final List<String> opened = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        rows = ExperimentRows.churn(tmp);
        RegistryRows.write(rows.context());
        model = new ModelRegistryViewModel(rows.context().experiments(), new ImmediateTaskRunner(), ZoneOffset.UTC);
        model.setRunOpener(run -> opened.add(run.runName()));
    }

    @AfterEach
    void close() {
        rows.context().close();
    }

    private List<String> versions() {
        return model.versions().stream().map(v -> v.number() + " " + v.aliases() + " " + v.runLabel()).toList();
    }

    @Test
    void listsModelsByNameAndTheFirstModelsVersionsNewestFirstWithAliasesAndRunNames() {
        model.refresh();

        assertEquals(List.of("churn-classifier", "fraud-detector"), model.models().stream().map(ModelEntry::name).toList());
        assertEquals("churn-classifier", model.selectedProperty().get().name());
        assertEquals(List.of("3  gone-run", "2 @champion lgbm-run", "1 @challenger xgb-run"), versions());
        assertEquals("lgbm-model", model.versions().get(1).loggedModel());
        assertEquals("validated=yes", model.versions().get(1).tags());
        assertEquals("@challenger → 1, @champion → 2", model.models().get(0).aliases());
        assertEquals("Predicts which customers cancel.\nSource: tracking   ·   Updated: "
                + RunFormats.time(5_000_000L, ZoneOffset.UTC) + "\nAliases: @challenger → 1, @champion → 2   ·   Tags: team=ml-core",
                model.detailsProperty().get());
        assertEquals("2 registered models · 2 logged models", model.statusProperty().get());
    }

    @Test
    void logsModelsNameTheirRunAndWhatWasRegisteredFromThem() {
        model.refresh();

        assertEquals(List.of("draft | fraud |  | PENDING", "lgbm-model | churn | lgbm-run | READY churn-classifier v2"),
                model.loggedModels().stream().map(r -> r.model().name() + " | " + r.experimentName() + " | "
                        + r.runLabel() + " | " + (r.model().status() + " " + r.registeredAs()).strip()).toList());
    }

    @Test
    void theFilterKeepsModelsWhoseNameContainsItAndMovesTheSelection() {
        model.refresh();

        model.setFilter("FRAUD");

        assertEquals(List.of("fraud-detector"), model.models().stream().map(ModelEntry::name).toList());
        assertEquals("fraud-detector", model.selectedProperty().get().name());
        assertEquals(List.of("1  fraud-run"), versions());
        assertEquals(List.of(), model.loggedModels().stream().map(r -> r.model().name()).toList());
        model.setFilter("lgbm");
        assertEquals(List.of(), model.models());
        assertNull(model.selectedProperty().get());
        assertEquals(List.of("lgbm-model"), model.loggedModels().stream().map(r -> r.model().name()).toList());
    }

    @Test
    void aFocusAskedForBeforeTheFirstLoadSelectsThatVersionAfterIt() {
        long source = rows.context().experiments().sources().get(0).id();
        model.setFilter("churn");

        model.focus(RegistryFocus.version(source, "fraud-detector", "1"));
        model.refresh();

        assertEquals("fraud-detector", model.selectedProperty().get().name());
        assertEquals("1", model.focusedVersionProperty().get().number());
        assertEquals("", model.filterProperty().get(), "a filter that hides the focused model is cleared");
        model.focus(RegistryFocus.loggedModel(source, "m-lgbm"));
        assertEquals("lgbm-model", model.focusedLoggedModelProperty().get().model().name());
    }

    @Test
    void aSourceRunOpensThroughTheOpenerAndAnUncachedOneIsExplained() {
        model.refresh();
        VersionRow champion = model.versions().get(1);

        model.openRun(champion.sourceId(), champion.version().runId());
        VersionRow gone = model.versions().get(0);
        model.openRun(gone.sourceId(), gone.version().runId());

        assertEquals(List.of("lgbm-run"), opened);
        assertEquals("Run gone-run is not in the cache; sync its source to see it.", model.statusProperty().get());
    }
}
