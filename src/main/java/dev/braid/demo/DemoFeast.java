package dev.braid.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo project's Feast feature repository ({@code feature_repo/}): four feature views over the
 * project's feature groups, rendered from the same facts as {@code features/*.yaml}, so they grow
 * as the team adds features. {@code engagement} and {@code spend_and_support} change over time;
 * {@code customer_profile} and {@code plan_encodings} do not.
 */
final class DemoFeast {
    static final String PROJECT = "churn";
    static final String FOLDER = "feature_repo";
    static final String SERVICE = "churn_model";
    static final String BASELINE_SERVICE = "churn_baseline";
    /** Feature view → the demo's feature groups it serves, in order. */
    static final Map<String, List<String>> VIEWS = views();

    private DemoFeast() {
    }

    private static Map<String, List<String>> views() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("customer_profile", List.of("account"));
        out.put("engagement", List.of("customer_activity", "usage"));
        out.put("spend_and_support", List.of("billing", "support"));
        out.put("plan_encodings", List.of("categorical"));
        return out;
    }

    /** A view as the facts of one commit define it: its features, TTL in days and owner. */
    record View(String name, List<DemoFeature> features, int ttlDays, String owner) {
    }

    /** The views that have at least one feature at this state. */
    static List<View> views(Map<String, Map<String, String>> groups) {
        List<View> out = new ArrayList<>();
        VIEWS.forEach((view, members) -> {
            List<DemoFeature> features = new ArrayList<>();
            int ttl = Integer.MAX_VALUE;
            String owner = null;
            for (String group : members) {
                Map<String, String> facts = groups.get(group);
                if (facts == null) {
                    continue;
                }
                for (DemoFeature f : DemoFeature.ALL) {
                    if (f.group().equals(group) && facts.containsKey(f.name())) {
                        features.add(f);
                    }
                }
                ttl = Math.min(ttl, Integer.parseInt(facts.getOrDefault("ttl_days", "30")));
                owner = owner == null ? facts.get("owner") : owner;
            }
            if (!features.isEmpty()) {
                out.add(new View(view, features, ttl, owner == null ? "" : owner));
            }
        });
        return out;
    }

    /** The facts of a project state, per feature group: feature names → version, plus ttl_days and owner. */
    static Map<String, Map<String, String>> groups(ProjectState s) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (DemoFeature f : DemoFeature.ALL) {
            String version = s.get(f.factKey());
            if (version != null) {
                Map<String, String> facts = out.computeIfAbsent(f.group(), g -> new LinkedHashMap<>());
                facts.put(f.name(), version);
                facts.put("ttl_days", s.get("ttl." + f.group(), "30"));
                facts.put("owner", s.get("owner." + f.group(), "maya.lindqvist@example.com"));
            }
        }
        return out;
    }

    /** Feast's type for a demo dtype. */
    static String feastType(String dtype) {
        return dtype.equals("int64") ? "Int64" : dtype.equals("float64") ? "Float64" : "String";
    }

    static void render(ProjectState s, Map<String, String> files) {
        List<View> views = views(groups(s));
        if (views.isEmpty()) {
            return;
        }
        files.put(FOLDER + "/feature_store.yaml", "project: " + PROJECT + "\nregistry: data/registry.db\nprovider: local\n"
                + "online_store:\n  type: sqlite\n  path: data/online_store.db\noffline_store:\n  type: file\n"
                + "entity_key_serialization_version: 3\n");
        StringBuilder entities = new StringBuilder("\"\"\"Entities and data sources of the churn feature store.\"\"\"\n"
                + "from feast import Entity, FileSource, ValueType\n\n"
                + "customer = Entity(name=\"customer\", join_keys=[\"customer_id\"], value_type=ValueType.INT64,\n"
                + "                  description=\"A paying customer account\")\n");
        for (View v : views) {
            entities.append("\n").append(v.name()).append("_source = FileSource(\n    name=\"").append(v.name())
                    .append("\",\n    path=\"data/").append(v.name()).append(".parquet\",\n    timestamp_field=\"snapshot_date\",\n)\n");
        }
        files.put(FOLDER + "/entities.py", entities.toString());
        StringBuilder py = new StringBuilder("\"\"\"Feature views and services of the churn model.\"\"\"\n"
                + "from datetime import timedelta\n\n"
                + "from feast import FeatureService, FeatureView, Field\nfrom feast.types import Float64, Int64\n\n");
        StringBuilder imports = new StringBuilder("from entities import customer");
        views.forEach(v -> imports.append(", ").append(v.name()).append("_source"));
        py.append(imports).append("\n");
        for (View v : views) {
            py.append("\n").append(v.name()).append(" = FeatureView(\n    name=\"").append(v.name()).append("\",\n")
                    .append("    entities=[customer],\n    ttl=timedelta(days=").append(v.ttlDays()).append("),\n    schema=[\n");
            for (DemoFeature f : v.features()) {
                py.append("        Field(name=\"").append(f.name()).append("\", dtype=").append(feastType(f.dtype()))
                        .append(", description=\"").append(f.description()).append("\"),\n");
            }
            py.append("    ],\n    source=").append(v.name()).append("_source,\n    owner=\"").append(v.owner())
                    .append("\",\n    tags={\"team\": \"retention\"},\n)\n");
        }
        py.append("\n").append(SERVICE).append(" = FeatureService(name=\"").append(SERVICE).append("\", features=[")
                .append(String.join(", ", views.stream().map(View::name).toList())).append("])\n");
        py.append(BASELINE_SERVICE).append(" = FeatureService(name=\"").append(BASELINE_SERVICE)
                .append("\", features=[\"customer_profile@v0:tenure_months\", \"customer_profile@v0:seats\"])\n");
        files.put(FOLDER + "/views.py", py.toString());
    }
}
