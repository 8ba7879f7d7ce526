package dev.braid.experiments.ui;

import dev.braid.experiments.ExperimentService;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import dev.braid.ui.sources.SourceGroup;
import java.util.List;
import java.util.Map;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Add-source dialog's MLflow kinds: a tracking server (with credentials named by environment
 * variable), a local {@code mlflow.db} and an {@code mlruns} folder, both read from disk.
 */
public final class MlflowSourceForms {
    public static final SourceGroup GROUP = new SourceGroup("mlflow", "MLflow experiments",
            "Runs, params, metrics, artifacts and registered models from a tracking server or a local store.", Feather.ACTIVITY);

    private MlflowSourceForms() {
    }

    public static SourceForm server(ExperimentService experiments) {
        return new Form(experiments, "mlflow-server", "Tracking server",
                "An MLflow tracking server; Braid keeps a copy of its runs and registry and works offline.",
                List.of(SourceField.text("uri", "Server URL", "http://127.0.0.1:5000", true),
                        SourceField.variable("tokenEnv", "Token variable", "e.g. MLFLOW_TRACKING_TOKEN"),
                        SourceField.text("username", "User name", "for basic authentication", false),
                        SourceField.variable("passwordEnv", "Password variable", "e.g. MLFLOW_TRACKING_PASSWORD"),
                        SourceField.name("the server's address")), "");
    }

    public static SourceForm database(ExperimentService experiments) {
        return new Form(experiments, "mlflow-db", "mlflow.db file",
                "A local MLflow SQLite store, read from disk (never written).",
                List.of(SourceField.file("uri", "Database file", "/path/to/mlflow.db"), SourceField.name("the file")), "sqlite:///");
    }

    public static SourceForm mlruns(ExperimentService experiments) {
        return new Form(experiments, "mlflow-mlruns", "mlruns folder",
                "A local MLflow file store (an mlruns folder), read from disk (never written).",
                List.of(SourceField.folder("uri", "mlruns folder", "/path/to/mlruns"), SourceField.name("the folder")), "");
    }

    private record Form(ExperimentService experiments, String id, String title, String description,
                        List<SourceField> fields, String scheme) implements SourceForm {
        @Override
        public String group() {
            return GROUP.id();
        }

        @Override
        public Added add(Map<String, String> values, SyncContext progress) throws Exception {
            return Added.source(experiments.addMlflow(address(values.get("uri")), values.get(NAME), values.get("tokenEnv"),
                    values.get("username"), values.get("passwordEnv")));
        }

        /** A file path becomes {@code sqlite:///<absolute path>}; an address typed in full stays as it is. */
        private String address(String typed) {
            String value = typed == null ? "" : typed.strip();
            return scheme.isEmpty() || value.contains("://") || value.isEmpty() ? value
                    : scheme + java.nio.file.Path.of(value).toAbsolutePath().normalize();
        }

        /** The server form edits servers' address and credentials; the store forms edit where a local store is. */
        @Override
        public boolean edits(Source source) {
            return source.kind().equals(ExperimentService.KIND)
                    && (id.equals("mlflow-server") == ExperimentService.isServer(source)) && !id.equals("mlflow-mlruns");
        }

        @Override
        public List<SourceField> editFields(Source source) {
            if (!ExperimentService.isServer(source)) {
                return List.of(SourceField.text(ExperimentService.CONFIG_URI, "Store", "sqlite:///path/to/mlflow.db or the mlruns folder",
                        true).withHelp("Where the store is now, if it moved."));
            }
            return List.of(SourceField.text(ExperimentService.CONFIG_URI, "Server URL", "http://127.0.0.1:5000", true),
                    SourceField.variable(ExperimentService.CONFIG_TOKEN_ENV, "Token variable", "e.g. MLFLOW_TRACKING_TOKEN"),
                    SourceField.text(ExperimentService.CONFIG_USERNAME, "User name", "for basic authentication", false),
                    SourceField.variable(ExperimentService.CONFIG_PASSWORD_ENV, "Password variable", "e.g. MLFLOW_TRACKING_PASSWORD"));
        }

        @Override
        public Map<String, String> editedConfig(Source source, Map<String, String> values) throws Exception {
            return experiments.mlflowConfig(values.get(ExperimentService.CONFIG_URI), values.get(ExperimentService.CONFIG_TOKEN_ENV),
                    values.get(ExperimentService.CONFIG_USERNAME), values.get(ExperimentService.CONFIG_PASSWORD_ENV));
        }
    }
}
