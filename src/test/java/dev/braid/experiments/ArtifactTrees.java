package dev.braid.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run's whole artifact tree, walked folder by folder, in the shape the seeding script's list-artifacts gives. */
final class ArtifactTrees {
    private ArtifactTrees() {
    }

    /** Braid's listing, every folder expanded, in walk order. */
    static List<Map<String, Object>> walk(ArtifactService artifacts, long runPk) throws ExperimentException {
        List<Map<String, Object>> out = new ArrayList<>();
        walk(artifacts, runPk, "", out);
        return out;
    }

    /** The files of Braid's listing. */
    static List<ArtifactEntry> files(ArtifactService artifacts, long runPk) throws ExperimentException {
        List<ArtifactEntry> out = new ArrayList<>();
        for (Map<String, Object> row : walk(artifacts, runPk)) {
            if (!(Boolean) row.get("is_dir")) {
                out.add(new ArtifactEntry((String) row.get("path"), false, (Long) row.get("file_size")));
            }
        }
        return out;
    }

    /** The client's listing. */
    static List<Map<String, Object>> of(JsonNode listed) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode entry : listed) {
            out.add(row(entry.get("path").asText(), entry.get("is_dir").asBoolean(),
                    entry.get("file_size").isNull() ? null : entry.get("file_size").asLong()));
        }
        return out;
    }

    private static void walk(ArtifactService artifacts, long runPk, String folder, List<Map<String, Object>> out)
            throws ExperimentException {
        for (ArtifactEntry entry : artifacts.list(runPk, folder).entries()) {
            out.add(row(entry.path(), entry.directory(), entry.size()));
            if (entry.directory()) {
                walk(artifacts, runPk, entry.path(), out);
            }
        }
    }

    private static Map<String, Object> row(String path, boolean directory, Long size) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", path);
        row.put("is_dir", directory);
        row.put("file_size", size);
        return row;
    }
}
