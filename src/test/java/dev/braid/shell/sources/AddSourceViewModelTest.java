package dev.braid.shell.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.experiments.ui.MlflowSourceForms;
import dev.braid.lineage.ui.OpenLineageSourceForms;
import dev.braid.repos.ui.GitSourceForms;
import dev.braid.shell.SyncStatusViewModel;
import dev.braid.shell.sources.AddSourceViewModel.Stage;
import dev.braid.sync.Source;
import dev.braid.sync.SyncOutcome;
import dev.braid.ui.GitFixture;
import dev.braid.ui.QueuedTaskRunner;
import dev.braid.ui.sources.SourceForms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Add-source dialog's model over a real cache, with the built-in kinds of source. */
class AddSourceViewModelTest {
    @TempDir
    Path temp;
    private AppContext context;
    private SyncStatusViewModel sync;
    private AddSourceViewModel model;
    private final List<Source> added = new ArrayList<>();
    private QueuedTaskRunner runner;

    @BeforeEach
    void open() throws Exception {
        context = GitFixture.open(temp.resolve("braid"));
        runner = new QueuedTaskRunner();
        sync = new SyncStatusViewModel(context.sources(), context.syncRuns(), context.syncEngine(), runner);
        SourceForms forms = new SourceForms()
                .register(GitSourceForms.GROUP).register(GitSourceForms.folder(context.repositories()))
                .register(GitSourceForms.clone(context.repositories()))
                .register(MlflowSourceForms.GROUP).register(MlflowSourceForms.server(context.experiments()))
                .register(MlflowSourceForms.database(context.experiments())).register(MlflowSourceForms.mlruns(context.experiments()))
                .register(OpenLineageSourceForms.GROUP).register(OpenLineageSourceForms.importFile(context.openLineageImporter()));
        model = new AddSourceViewModel(forms, sync, context.sourceManager(), runner);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void everyBuiltInKindIsOfferedGroupByGroup() {
        assertEquals(List.of("git-folder", "git-clone", "mlflow-server", "mlflow-db", "mlflow-mlruns", "openlineage-file"),
                model.allForms().stream().map(f -> f.id()).toList());
        assertEquals("git-folder", model.selectedProperty().get().id());
        model.reset("mlflow");
        assertEquals("mlflow-server", model.selectedProperty().get().id());
    }

    @Test
    void aFolderThatDoesNotExistIsRefusedAndNothingChanges() {
        model.value("location").set(temp.resolve("no-such-folder").toString());

        model.add(added::add);

        assertFalse(model.errorProperty().get().isEmpty());
        assertEquals(Stage.EDITING, model.stageProperty().get());
        assertTrue(added.isEmpty());
        assertTrue(context.sources().list().isEmpty());
        assertFalse(model.busyProperty().get());
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        model.add(added::add);

        assertEquals("Fill in “Folder”.", model.errorProperty().get());
        assertTrue(context.sources().list().isEmpty());
    }

    @Test
    void aRepositoryFolderIsAddedUnderTheGivenNameAndReportedOnceItsFirstSyncSucceeded() throws Exception {
        Path repository = GitFixture.mergeRepository(temp.resolve("project"));
        model.value("location").set(repository.toString());
        model.value("name").set("my project");

        model.add(added::add);
        runner.drainUntil(() -> model.stageProperty().get() == Stage.FINISHED);

        assertEquals(1, added.size());
        assertEquals("my project", added.get(0).name());
        assertEquals("", model.errorProperty().get());
        assertEquals(SyncOutcome.SUCCEEDED, context.syncRuns().latest(added.get(0).id()).orElseThrow().outcome());
    }

    @Test
    void aUrlIsClonedIntoTheDataFolderWithProgress() throws Exception {
        Path origin = GitFixture.mergeRepository(temp.resolve("origin"));
        model.choose("git-clone");
        model.value("location").set(origin.toUri().toString());
        List<String> messages = new ArrayList<>();
        model.progressMessageProperty().addListener((obs, old, now) -> messages.add(now));

        model.add(added::add);
        runner.drainUntil(() -> model.stageProperty().get() == Stage.FINISHED);

        assertEquals("", model.errorProperty().get());
        assertTrue(context.repositories().find(added.get(0).id()).orElseThrow().path()
                .startsWith(context.dirs().clonesDir().toString()));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Syncing")), messages.toString());
    }

    @Test
    void addingTheSameFolderTwiceSaysSoAndKeepsOneSource() throws Exception {
        Path repository = GitFixture.mergeRepository(temp.resolve("project"));
        model.value("location").set(repository.toString());
        model.add(added::add);
        runner.drainUntil(() -> model.stageProperty().get() == Stage.FINISHED);
        model.reset(null);
        model.value("location").set(repository.toString());

        model.add(added::add);

        assertEquals(1, added.size());
        assertTrue(model.errorProperty().get().contains("already added"), model.errorProperty().get());
        assertEquals(1, context.sources().list().size());
    }

    @Test
    void aSourceWhoseFirstSyncFailsIsNeverKeptSilently() throws Exception {
        Path notADatabase = temp.resolve("mlflow.db");
        Files.writeString(notADatabase, "these are not the tables you are looking for");
        model.choose("mlflow-db");
        model.value("uri").set(notADatabase.toString());

        model.add(added::add);
        runner.drainUntil(() -> model.stageProperty().get() == Stage.FIRST_SYNC_FAILED);

        assertTrue(added.isEmpty(), "nobody was told it was added");
        String error = model.errorProperty().get();
        assertTrue(error.contains("was added, but its first sync failed: "), error);
        assertFalse(error.matches(".*[A-Z][a-z]+Exception.*"), error);
        Source failed = model.addedProperty().get();
        assertEquals(1, context.sources().list().size(), "kept until the person decides");

        model.removeAdded();

        assertEquals(Stage.EDITING, model.stageProperty().get());
        assertTrue(context.sources().list().isEmpty(), "removed with whatever it cached");
        assertTrue(model.errorProperty().get().contains(failed.name() + " was removed"));
        assertNull(model.addedProperty().get());

        model.add(added::add);
        runner.drainUntil(() -> model.stageProperty().get() == Stage.FIRST_SYNC_FAILED);
        model.keep();

        assertEquals(Stage.FINISHED, model.stageProperty().get());
        assertEquals(1, added.size(), "kept, to be synced later");
        assertEquals(1, context.sources().list().size());
    }

    @Test
    void anOpenLineageFileIsImportedOnceAndSaysWhatItImported() throws Exception {
        Path events = temp.resolve("events.jsonl");
        Files.writeString(events, """
                {"eventType":"COMPLETE","eventTime":"2025-03-01T10:00:00Z","producer":"https://example.org/p","schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent","run":{"runId":"0195a3b8-0000-7000-8000-000000000001"},"job":{"namespace":"etl","name":"load"},"inputs":[{"namespace":"s3://raw","name":"customers.csv"}],"outputs":[{"namespace":"s3://clean","name":"customers.parquet"}]}
                """);
        model.choose("openlineage-file");
        model.value("path").set(events.toString());

        model.add(added::add);

        assertEquals(Stage.IMPORTED, model.stageProperty().get(), model.errorProperty().get());
        assertEquals("Imported 1 new event from events.jsonl.", model.resultProperty().get());
        assertTrue(context.sources().list().isEmpty(), "an import adds no source");
        assertTrue(added.isEmpty());
    }
}
