package dev.braid.experiments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cached registry in the shape the seeding script's {@code dump} prints, for comparing the two. */
final class RegistryView {
    private RegistryView() {
    }

    static List<Map<String, Object>> of(List<RegisteredModel> models) {
        return models.stream().map(RegistryView::model).toList();
    }

    private static Map<String, Object> model(RegisteredModel m) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", m.name());
        model.put("description", m.description());
        model.put("tags", m.tags());
        model.put("aliases", m.aliases());
        model.put("versions", m.versions().stream().map(v -> {
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("version", v.version());
            version.put("run_id", v.runId());
            version.put("status", v.status());
            version.put("aliases", v.aliases());
            version.put("tags", v.tags());
            return version;
        }).toList());
        return model;
    }
}
