package dev.braid.features.ui;

import dev.braid.features.FeatureCatalogService;
import dev.braid.features.registry.FeastSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import dev.braid.ui.sources.SourceGroup;
import java.util.List;
import java.util.Map;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Add-source dialog's Feast kinds, the two {@code braid features add} takes: a registry server
 * ({@code feast serve_registry --rest-api}) and a registry file ({@code registry.db}, the folder
 * holding it, or a feature repository whose {@code feature_store.yaml} names it).
 */
public final class FeastSourceForms {
    public static final SourceGroup GROUP = new SourceGroup("features", "Feature views",
            "Feature views, entities and their versions from a Feast registry server or registry file.", Feather.LAYERS);

    private FeastSourceForms() {
    }

    /** Both Feast kinds, in the order the dialog lists them. */
    public static List<SourceForm> all(FeatureCatalogService catalogue) {
        return List.of(server(catalogue), file(catalogue));
    }

    public static SourceForm server(FeatureCatalogService catalogue) {
        return new Form(catalogue, "feast-server", "Feast registry server",
                "A Feast registry server's REST API (feast serve_registry --rest-api).",
                List.of(SourceField.text(FeastSyncer.URL, "Server URL", "http://127.0.0.1:6572", true),
                        SourceField.text(FeastSyncer.PROJECT, "Project", "every project when left empty", false),
                        SourceField.variable(FeastSyncer.TOKEN_ENV, "Token variable", "e.g. FEAST_TOKEN"),
                        SourceField.name("the server's address")));
    }

    public static SourceForm file(FeatureCatalogService catalogue) {
        return new Form(catalogue, "feast-file", "registry.db file",
                "A Feast file registry, read from disk (never written).",
                List.of(SourceField.file(FeastSyncer.REGISTRY, "Registry file", "/path/to/data/registry.db")
                                .withHelp("Or the feature repository folder whose feature_store.yaml names it."),
                        SourceField.text(FeastSyncer.PROJECT, "Project", "every project when left empty", false),
                        SourceField.name("the file")));
    }

    private record Form(FeatureCatalogService catalogue, String id, String title, String description,
                        List<SourceField> fields) implements SourceForm {
        @Override
        public String group() {
            return GROUP.id();
        }

        @Override
        public Added add(Map<String, String> values, SyncContext progress) throws Exception {
            String where = values.containsKey(FeastSyncer.URL) ? values.get(FeastSyncer.URL) : values.get(FeastSyncer.REGISTRY);
            return Added.source(catalogue.addRegistry(where, values.get(NAME), values.get(FeastSyncer.PROJECT),
                    values.get(FeastSyncer.TOKEN_ENV)));
        }
    }
}
