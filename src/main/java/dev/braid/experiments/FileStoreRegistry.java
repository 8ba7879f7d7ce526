package dev.braid.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the model registry of an MLflow file store: {@code models/<name>/meta.yaml} (with its
 * aliases), {@code tags/}, and {@code version-<n>/meta.yaml} with its own {@code tags/}.
 */
final class FileStoreRegistry {
    private static final String DELETED_STAGE = "Deleted_Internal";

    private FileStoreRegistry() {
    }

    static List<RegisteredModel> models(Path modelsFolder, long sourceId) throws IOException {
        List<RegisteredModel> out = new ArrayList<>();
        for (Path folder : FileStoreFiles.folders(modelsFolder)) {
            Map<String, Object> meta = FileStoreFiles.yaml(folder.resolve("meta.yaml"));
            String name = FileStoreFiles.text(meta, "name");
            if (name == null) {
                continue;
            }
            Map<String, String> aliases = new LinkedHashMap<>();
            if (meta.get("aliases") instanceof Map<?, ?> map) {
                map.forEach((alias, version) -> aliases.put(String.valueOf(alias), String.valueOf(version)));
            } else {
                FileStoreFiles.values(folder.resolve("aliases")).forEach((alias, version) -> aliases.put(alias, version.strip()));
            }
            List<ModelVersion> versions = new ArrayList<>();
            for (Path versionFolder : FileStoreFiles.folders(folder)) {
                if (versionFolder.getFileName().toString().startsWith("version-")) {
                    ModelVersion version = version(versionFolder, aliases);
                    if (version != null) {
                        versions.add(version);
                    }
                }
            }
            versions.sort((a, b) -> Long.compare(number(b.version()), number(a.version())));
            out.add(new RegisteredModel(sourceId, name, FileStoreFiles.text(meta, "description"),
                    FileStoreFiles.number(meta, "creation_timestamp"), FileStoreFiles.number(meta, "last_updated_timestamp"),
                    FileStoreFiles.values(folder.resolve("tags")), aliases, versions));
        }
        return out;
    }

    private static ModelVersion version(Path folder, Map<String, String> modelAliases) throws IOException {
        Map<String, Object> meta = FileStoreFiles.yaml(folder.resolve("meta.yaml"));
        String version = FileStoreFiles.text(meta, "version");
        String stage = FileStoreFiles.text(meta, "current_stage");
        if (version == null || DELETED_STAGE.equals(stage)) {
            return null;
        }
        List<String> aliases = new ArrayList<>();
        modelAliases.forEach((alias, v) -> {
            if (v.equals(version)) {
                aliases.add(alias);
            }
        });
        aliases.sort(null);
        return new ModelVersion(FileStoreFiles.text(meta, "name"), version, FileStoreFiles.text(meta, "source"),
                FileStoreFiles.text(meta, "run_id"), FileStoreFiles.text(meta, "status"), stage,
                FileStoreFiles.text(meta, "description"), FileStoreFiles.number(meta, "creation_timestamp"),
                FileStoreFiles.number(meta, "last_updated_timestamp"), FileStoreFiles.values(folder.resolve("tags")), aliases);
    }

    private static long number(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
