package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.ExperimentService;
import dev.braid.sync.Source;
import dev.braid.testing.TestContexts;
import dev.braid.ui.GitFixture;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Add step of the dialog's W&B forms: the sources {@code braid wandb add} makes, on a real cache. */
class WandbSourceFormsTest {
    @TempDir
    Path tmp;

    @Test
    void theFolderFormAddsAProjectsWandbFolderNamedAfterTheProject() throws Exception {
        Path wandb = Files.createDirectories(tmp.resolve("churn-model/wandb"));
        try (AppContext context = GitFixture.open(tmp.resolve("braid"))) {
            SourceForm form = WandbSourceForms.folder(context.experiments());
            assertEquals(List.of(ExperimentService.WANDB_PATH, SourceForm.NAME), form.fields().stream().map(SourceField::key).toList());

            Source added = form.add(Map.of(ExperimentService.WANDB_PATH, wandb.toString()), TestContexts.quiet()).source();

            assertEquals(ExperimentService.WANDB_KIND, added.kind());
            assertEquals("churn-model", added.name());
            assertEquals(Map.of(ExperimentService.WANDB_PATH, wandb.toAbsolutePath().normalize().toString()), added.config());
            ExperimentException missing = assertThrows(ExperimentException.class, () -> form.add(Map.of(
                    ExperimentService.WANDB_PATH, tmp.resolve("nowhere").toString()), TestContexts.quiet()));
            assertTrue(missing.getMessage().startsWith("not a folder: "), missing.getMessage());
            assertEquals(1, context.sources().listByKind(ExperimentService.WANDB_KIND).size());
        }
    }

    @Test
    void theServerFormKeepsTheKeysVariableNameAndRefusesAnAddressThatIsNoUrl() throws Exception {
        try (AppContext context = GitFixture.open(tmp.resolve("braid"))) {
            SourceForm form = WandbSourceForms.server(context.experiments());
            assertEquals(List.of(ExperimentService.WANDB_URL, ExperimentService.WANDB_ENTITY, ExperimentService.WANDB_PROJECT,
                    ExperimentService.WANDB_KEY_ENV, SourceForm.NAME), form.fields().stream().map(SourceField::key).toList());

            Source added = form.add(Map.of(ExperimentService.WANDB_URL, "https://api.wandb.ai", ExperimentService.WANDB_ENTITY,
                    "acme", ExperimentService.WANDB_PROJECT, "churn", ExperimentService.WANDB_KEY_ENV, "WANDB_API_KEY",
                    SourceForm.NAME, "team-wb"), TestContexts.quiet()).source();

            assertEquals("team-wb", added.name());
            assertEquals(Map.of(ExperimentService.WANDB_URL, "https://api.wandb.ai", ExperimentService.WANDB_ENTITY, "acme",
                    ExperimentService.WANDB_PROJECT, "churn", ExperimentService.WANDB_KEY_ENV, "WANDB_API_KEY"), added.config());
            ExperimentException wrong = assertThrows(ExperimentException.class, () -> form.add(Map.of(
                    ExperimentService.WANDB_URL, "api.wandb.ai", ExperimentService.WANDB_ENTITY, "acme",
                    ExperimentService.WANDB_PROJECT, "churn"), TestContexts.quiet()));
            assertTrue(wrong.getMessage().contains("http(s) URL"), wrong.getMessage());
        }
    }
}
