package dev.braid.features.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.features.FeatureException;
import dev.braid.features.registry.FeastSyncer;
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

/** The Add step of the dialog's two Feast forms: the sources {@code braid features add} makes, on a real cache. */
class FeastSourceFormsTest {
    @TempDir
    Path tmp;

    @Test
    void theServerFormAddsTheAddressProjectAndTokenVariable() throws Exception {
        try (AppContext context = GitFixture.open(tmp.resolve("braid"))) {
            SourceForm form = FeastSourceForms.server(context.features());
            assertEquals(List.of(FeastSyncer.URL, FeastSyncer.PROJECT, FeastSyncer.TOKEN_ENV, SourceForm.NAME),
                    form.fields().stream().map(SourceField::key).toList());

            Source added = form.add(Map.of(FeastSyncer.URL, "http://127.0.0.1:6572", FeastSyncer.PROJECT, "churn",
                    FeastSyncer.TOKEN_ENV, "FEAST_TOKEN"), TestContexts.quiet()).source();

            assertEquals(FeastSyncer.KIND, added.kind());
            assertEquals("feast-churn", added.name());
            assertEquals(Map.of(FeastSyncer.URL, "http://127.0.0.1:6572", FeastSyncer.PROJECT, "churn",
                    FeastSyncer.TOKEN_ENV, "FEAST_TOKEN"), added.config());
            FeatureException wrong = assertThrows(FeatureException.class, () -> form.add(Map.of(FeastSyncer.URL,
                    "s3://bucket/registry.db"), TestContexts.quiet()));
            assertTrue(wrong.getMessage().contains("add the project's registry server instead"), wrong.getMessage());
            assertEquals(1, context.features().sources().size(), "nothing left behind by the wrong entry");
        }
    }

    @Test
    void theFileFormAddsARegistryFileFoundInItsFolderUnderTheGivenName() throws Exception {
        Path registry = Files.createDirectories(tmp.resolve("repo/data")).resolve("registry.db");
        Files.write(registry, new byte[0]);
        try (AppContext context = GitFixture.open(tmp.resolve("braid"))) {
            SourceForm form = FeastSourceForms.file(context.features());
            assertEquals(List.of(FeastSyncer.REGISTRY, FeastSyncer.PROJECT, SourceForm.NAME),
                    form.fields().stream().map(SourceField::key).toList());

            Source added = form.add(Map.of(FeastSyncer.REGISTRY, registry.getParent().toString(), SourceForm.NAME, "features"),
                    TestContexts.quiet()).source();

            assertEquals("features", added.name());
            assertEquals(registry.toAbsolutePath().normalize().toString(), added.config().get(FeastSyncer.REGISTRY));
            FeatureException empty = assertThrows(FeatureException.class, () -> form.add(Map.of(FeastSyncer.REGISTRY,
                    tmp.resolve("repo").toString()), TestContexts.quiet()));
            assertTrue(empty.getMessage().contains("holds neither a feature_store.yaml nor a registry.db"), empty.getMessage());
        }
    }
}
