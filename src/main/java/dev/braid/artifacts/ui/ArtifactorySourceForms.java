package dev.braid.artifacts.ui;

import dev.braid.artifacts.ArtifactoryService;
import dev.braid.sync.SyncContext;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import dev.braid.ui.sources.SourceGroup;
import java.util.List;
import java.util.Map;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Add-source dialog's JFrog Artifactory, as {@code braid artifactory add} offers it: a base URL,
 * repository keys (comma-separated; none for every local repository), and the variable holding an
 * access token, or a user and the variable holding their password or API key. Never the values.
 */
public final class ArtifactorySourceForms {
    public static final SourceGroup GROUP = new SourceGroup("artifacts", "Artifact repositories",
            "Model files, datasets and build-info from JFrog Artifactory, joined to commits in lineage.", Feather.ARCHIVE);

    private ArtifactorySourceForms() {
    }

    public static SourceForm artifactory(ArtifactoryService service) {
        return new SourceForm() {
            @Override
            public String id() {
                return "artifactory";
            }

            @Override
            public String group() {
                return GROUP.id();
            }

            @Override
            public String title() {
                return "JFrog Artifactory";
            }

            @Override
            public String description() {
                return "Files with checksums and properties, and published builds, from Artifactory repositories.";
            }

            @Override
            public List<SourceField> fields() {
                return List.of(SourceField.text("url", "Base URL", "https://acme.jfrog.io/artifactory", true),
                        SourceField.text("repos", "Repositories", "ml-models-local, datasets-local (all local ones when"
                                + " empty)", false),
                        SourceField.variable("tokenEnv", "Access token variable", "e.g. ARTIFACTORY_TOKEN"),
                        SourceField.text("user", "User name", "instead of a token, with a password variable", false),
                        SourceField.variable("passwordEnv", "Password or API key variable", "e.g. ARTIFACTORY_PASSWORD"),
                        SourceField.name("the host"));
            }

            @Override
            public Added add(Map<String, String> values, SyncContext progress) throws Exception {
                String repos = values.get("repos");
                return Added.source(service.add(values.get("url"), repos == null ? List.of() : List.of(repos),
                        values.get("tokenEnv"), values.get("user"), values.get("passwordEnv"), values.get(SourceForm.NAME)));
            }
        };
    }
}
