package dev.braid.artifacts.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.artifacts.ArtifactoryException;
import dev.braid.artifacts.ArtifactoryService;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.testing.TestContexts;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactorySourceFormsTest {
    @TempDir
    Path tmp;

    @Test
    void theFormAddsASourceAsTheCommandLineDoesAndNamesOnlyVariables() throws Exception {
        try (Database db = Database.open(tmp.resolve("cache.db"))) {
            SourceStore sources = new SourceStore(db, Clock.systemUTC());
            SourceForm form = ArtifactorySourceForms.artifactory(new ArtifactoryService(db, sources));
            assertEquals(ArtifactorySourceForms.GROUP.id(), form.group());
            assertEquals(java.util.List.of("url", "repos", "tokenEnv", "user", "passwordEnv", SourceForm.NAME),
                    form.fields().stream().map(SourceField::key).toList());

            Source added = form.add(Map.of("url", "https://acme.jfrog.io/artifactory/", "repos", "ml-models-local, datasets-local",
                    "tokenEnv", "ART_TOKEN"), TestContexts.quiet()).source();

            assertEquals("acme.jfrog.io", added.name());
            assertEquals(ArtifactoryService.KIND, added.kind());
            assertEquals(Map.of("url", "https://acme.jfrog.io/artifactory", "repos", "ml-models-local,datasets-local",
                    "token_env", "ART_TOKEN"), added.config());
            ArtifactoryException wrong = assertThrows(ArtifactoryException.class, () -> form.add(Map.of("url", "acme",
                    "tokenEnv", "T"), TestContexts.quiet()));
            assertTrue(wrong.getMessage().contains("not an http(s) URL"), wrong.getMessage());
            assertEquals(1, sources.listByKind(ArtifactoryService.KIND).size(), "nothing left behind by the wrong entry");
        }
    }
}
