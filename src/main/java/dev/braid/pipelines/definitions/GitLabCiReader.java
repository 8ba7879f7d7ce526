package dev.braid.pipelines.definitions;

import dev.braid.sync.SafeYaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code .gitlab-ci.yml} into the DAG GitLab would run: jobs by stage, {@code needs}
 * where declared, otherwise every job waits for the earlier stages (drawn as edges from the last
 * jobs of those stages only), {@code parallel} and {@code parallel: matrix} expanded into the jobs
 * GitLab names {@code "job 1/3"} and {@code "job: [a, b]"}. Rules and {@code only/except} are
 * decided when a pipeline runs, so every job is shown, with its rules counted in its attributes.
 */
public final class GitLabCiReader {
    public static final String PATH = ".gitlab-ci.yml";
    private static final Set<String> KEYWORDS = Set.of("image", "services", "cache", "before_script", "after_script",
            "variables", "stages", "types", "include", "default", "workflow", "spec");
    private static final List<String> DEFAULT_STAGES = List.of("build", "test", "deploy");
    private static final int MAX_PARALLEL = 200;

    private GitLabCiReader() {
    }

    public static DefinitionDag read(TreeFiles files, String path, String text) throws IOException {
        DagBuilder dag = new DagBuilder();
        Map<Object, Object> config;
        try {
            config = GitLabConfig.read(files, path, text, dag);
        } catch (SafeYaml.UnreadableYamlException e) {
            dag.note(e.getMessage());
            return dag.build(DefinitionKind.GITLAB_CI, path, files.commit(), path);
        }
        List<String> stages = stages(config, dag);
        Map<String, List<Expanded>> byGroup = new LinkedHashMap<>();
        Map<String, List<String>> byStage = new LinkedHashMap<>();
        for (String stage : stages) {
            byStage.put(stage, new ArrayList<>());
        }
        Map<String, Map<?, ?>> definitions = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> entry : config.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (KEYWORDS.contains(name) || name.startsWith(".") || !(entry.getValue() instanceof Map<?, ?> job)) {
                continue;
            }
            String stage = stageOf(job);
            if (!byStage.containsKey(stage)) {
                dag.note("Job '" + name + "' is in stage '" + stage + "', which 'stages' does not list; it is drawn last.");
                byStage.put(stage, new ArrayList<>());
            }
            definitions.put(name, job);
            byGroup.put(name, expand(name, job, dag));
        }
        // Jobs in stage order, then as written, as GitLab's pipeline graph lists them.
        for (Map.Entry<String, List<String>> stage : byStage.entrySet()) {
            for (Map.Entry<String, Map<?, ?>> job : definitions.entrySet()) {
                if (!stageOf(job.getValue()).equals(stage.getKey())) {
                    continue;
                }
                for (Expanded expanded : byGroup.get(job.getKey())) {
                    if (dag.job(expanded.name, expanded.name, stage.getKey(), job.getKey(), attributes(job.getValue(), expanded))) {
                        stage.getValue().add(expanded.name);
                    }
                }
            }
            if (!stage.getValue().isEmpty()) {
                dag.stage(stage.getKey());
            }
        }
        edges(dag, byStage, definitions, byGroup);
        String name = DefinitionYaml.map(config.get("workflow")).get("name") instanceof String n ? n : path;
        return dag.build(DefinitionKind.GITLAB_CI, path, files.commit(), name);
    }

    private static List<String> stages(Map<Object, Object> config, DagBuilder dag) {
        Object declared = config.containsKey("stages") ? config.get("stages") : config.get("types");
        List<String> stages = new ArrayList<>();
        stages.add(".pre");
        if (declared == null) {
            stages.addAll(DEFAULT_STAGES);
        } else {
            for (Object stage : YamlValues.flatten(declared)) {
                String name = String.valueOf(stage);
                if (!name.equals(".pre") && !name.equals(".post") && !stages.contains(name)) {
                    stages.add(name);
                }
            }
        }
        stages.add(".post");
        return stages;
    }

    private static String stageOf(Map<?, ?> job) {
        String stage = YamlValues.scalar(job.get("stage"));
        return stage == null ? "test" : stage;
    }

    private record Expanded(String name, Map<String, String> values) {
    }

    /** The jobs {@code parallel} makes of one definition, with the names GitLab gives them. */
    private static List<Expanded> expand(String name, Map<?, ?> job, DagBuilder dag) {
        Object parallel = job.get("parallel");
        if (parallel instanceof Number count) {
            int n = Math.min(count.intValue(), MAX_PARALLEL);
            if (n < 2) {
                return List.of(new Expanded(name, Map.of()));
            }
            List<Expanded> out = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                out.add(new Expanded(name + " " + i + "/" + n, Map.of()));
            }
            return out;
        }
        if (parallel instanceof Map<?, ?> map && map.get("matrix") != null) {
            List<Map<String, String>> cells = matrixCells(map.get("matrix"));
            if (cells.size() > MAX_PARALLEL) {
                dag.note("The matrix of '" + name + "' makes " + cells.size() + " jobs; only the first " + MAX_PARALLEL
                        + " are drawn, as GitLab runs no more.");
                cells = cells.subList(0, MAX_PARALLEL);
            }
            List<Expanded> out = new ArrayList<>();
            for (Map<String, String> cell : cells) {
                out.add(new Expanded(matrixName(name, cell), cell));
            }
            return out.isEmpty() ? List.of(new Expanded(name, Map.of())) : out;
        }
        if (parallel != null) {
            dag.note("The 'parallel' of '" + name + "' (" + YamlValues.brief(parallel) + ") is not a number or a matrix;"
                    + " the job is drawn once.");
        }
        return List.of(new Expanded(name, Map.of()));
    }

    /** Every combination a {@code parallel: matrix} list describes, each entry's variables in the order written. */
    static List<Map<String, String>> matrixCells(Object matrix) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Object entry : DefinitionYaml.list(matrix)) {
            List<Map<String, String>> cells = new ArrayList<>();
            cells.add(new LinkedHashMap<>());
            for (Map.Entry<?, ?> variable : DefinitionYaml.map(entry).entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> cell : cells) {
                    for (Object value : DefinitionYaml.list(variable.getValue())) {
                        Map<String, String> grown = new LinkedHashMap<>(cell);
                        grown.put(String.valueOf(variable.getKey()), DefinitionYaml.text(value));
                        next.add(grown);
                    }
                }
                cells = next;
                if (cells.size() > 10 * MAX_PARALLEL) {
                    break;
                }
            }
            out.addAll(cells);
        }
        return out;
    }

    static String matrixName(String job, Map<String, String> cell) {
        return job + ": [" + String.join(", ", cell.values()) + "]";
    }

    private static Map<String, String> attributes(Map<?, ?> job, Expanded expanded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : List.of("when", "allow_failure", "image", "environment", "resource_group", "timeout", "coverage")) {
            Object value = job.get(key);
            if (value instanceof Map<?, ?> map && map.get("name") != null) {
                value = map.get("name");
            }
            if (value != null) {
                out.put(key, YamlValues.brief(value));
            }
        }
        Object trigger = job.get("trigger");
        if (trigger != null) {
            Map<?, ?> t = DefinitionYaml.map(trigger);
            out.put("trigger", YamlValues.brief(t.isEmpty() ? trigger
                    : t.get("project") != null ? t.get("project") : t.get("include") != null ? t.get("include") : trigger));
        }
        if (job.get("rules") != null) {
            out.put("rules", DefinitionYaml.list(job.get("rules")).size() + " rules");
        }
        for (String key : List.of("only", "except")) {
            if (job.get(key) != null) {
                out.put(key, YamlValues.brief(job.get(key)));
            }
        }
        if (!expanded.values.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            expanded.values.forEach((k, v) -> pairs.add(k + "=" + v));
            out.put("matrix", String.join(", ", pairs));
        }
        return out;
    }

    private static void edges(DagBuilder dag, Map<String, List<String>> byStage, Map<String, Map<?, ?>> definitions,
                              Map<String, List<Expanded>> byGroup) {
        Map<String, String> groupOf = new LinkedHashMap<>();
        byGroup.forEach((group, jobs) -> jobs.forEach(job -> groupOf.put(job.name, group)));
        Map<String, List<String>> parentsOf = new LinkedHashMap<>();
        // Jobs of earlier stages that no other earlier job waits for: the ones a stage-ordered job waits on.
        Set<String> frontier = new LinkedHashSet<>();
        for (List<String> stageJobs : byStage.values()) {
            for (String id : stageJobs) {
                Map<?, ?> job = definitions.get(groupOf.get(id));
                List<String> parents = job.containsKey("needs") ? needs(dag, id, job.get("needs"), byGroup)
                        : new ArrayList<>(frontier);
                DefinedEdge.Kind kind = job.containsKey("needs") ? DefinedEdge.Kind.NEEDS : DefinedEdge.Kind.ORDER;
                for (String parent : parents) {
                    dag.edge(parent, id, kind, "");
                }
                parentsOf.put(id, parents);
            }
            for (String id : stageJobs) {
                parentsOf.get(id).forEach(frontier::remove);
            }
            frontier.addAll(stageJobs);
        }
    }

    private static List<String> needs(DagBuilder dag, String id, Object needs, Map<String, List<Expanded>> byGroup) {
        List<String> out = new ArrayList<>();
        for (Object need : YamlValues.flatten(needs)) {
            String name;
            boolean optional = false;
            Object matrix = null;
            if (need instanceof Map<?, ?> map) {
                if (map.get("pipeline") != null || map.get("project") != null) {
                    dag.note("'" + id + "' needs '" + map.get("job") + "' from "
                            + (map.get("project") != null ? "project " + map.get("project") : "another pipeline")
                            + "; that dependency is outside this file and was left out.");
                    continue;
                }
                name = String.valueOf(map.get("job"));
                optional = Boolean.TRUE.equals(map.get("optional"));
                matrix = DefinitionYaml.map(map.get("parallel")).get("matrix");
            } else {
                name = String.valueOf(need);
            }
            List<Expanded> group = byGroup.get(name);
            if (group == null) {
                if (!optional) {
                    out.add(name); // the builder notes the missing job
                }
                continue;
            }
            if (matrix == null) {
                group.forEach(g -> out.add(g.name));
            } else {
                for (Map<String, String> cell : matrixCells(matrix)) {
                    out.add(matrixName(name, cell));
                }
            }
        }
        return out;
    }
}
