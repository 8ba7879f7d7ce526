package dev.braid.pipelines.definitions;

import dev.braid.sync.SafeYaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code .circleci/config.yml} into one DAG holding every workflow: each workflow is a stage,
 * its jobs are ids {@code workflow/name} named as CircleCI names them in that workflow (the
 * {@code name:} override, or {@code job-v1-v2} for {@code matrix} parameters), and
 * {@code requires} become edges; requiring a matrix job's alias means all of its jobs. A config
 * without workflows runs its {@code build} job, as CircleCI 2.0 did.
 */
public final class CircleCiReader {
    public static final String PATH = ".circleci/config.yml";
    private static final int MAX_MATRIX = 256;

    private CircleCiReader() {
    }

    public static DefinitionDag read(TreeFiles files, String path, String text) throws IOException {
        DagBuilder dag = new DagBuilder();
        try {
            Object loaded = DefinitionYaml.load(path, text);
            Map<?, ?> config = DefinitionYaml.map(loaded);
            Map<?, ?> workflows = DefinitionYaml.map(config.get("workflows"));
            boolean any = false;
            for (Map.Entry<?, ?> workflow : workflows.entrySet()) {
                if (workflow.getKey().equals("version") || !(workflow.getValue() instanceof Map<?, ?> body)) {
                    continue;
                }
                any = true;
                workflow(dag, String.valueOf(workflow.getKey()), body, DefinitionYaml.map(config.get("jobs")));
            }
            if (!any && DefinitionYaml.map(config.get("jobs")).containsKey("build")) {
                dag.stage("build");
                dag.job("build/build", "build", "build", "build", Map.of());
            } else if (!any) {
                dag.note(path + " defines no workflows, so CircleCI runs no jobs from it.");
            }
            if (Boolean.TRUE.equals(config.get("setup"))) {
                dag.note(path + " is a setup configuration: the pipeline it continues with is generated when it runs"
                        + " and is left out.");
            }
        } catch (SafeYaml.UnreadableYamlException e) {
            dag.note(e.getMessage());
        }
        return dag.build(DefinitionKind.CIRCLECI, path, files.commit(), path);
    }

    private static void workflow(DagBuilder dag, String workflow, Map<?, ?> body, Map<?, ?> jobDefinitions) {
        dag.stage(workflow);
        Map<String, List<String>> idsByAlias = new LinkedHashMap<>();
        Map<String, List<Object>> requiresOf = new LinkedHashMap<>();
        for (Object item : DefinitionYaml.list(body.get("jobs"))) {
            String job;
            Map<?, ?> settings;
            if (item instanceof Map<?, ?> map && map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                job = String.valueOf(only.getKey());
                settings = DefinitionYaml.map(only.getValue());
            } else if (item instanceof String name) {
                job = name;
                settings = Map.of();
            } else {
                dag.note("An entry in workflow '" + workflow + "' is not a job (" + YamlValues.brief(item) + ").");
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("job", job);
            for (String key : List.of("type", "context", "filters")) {
                if (settings.get(key) != null) {
                    attributes.put(key, YamlValues.brief(settings.get(key)));
                }
            }
            if (!"approval".equals(settings.get("type")) && !jobDefinitions.containsKey(job) && !job.contains("/")) {
                attributes.put("undefined", "true");
                dag.note("Workflow '" + workflow + "' runs '" + job + "', which the config's 'jobs' does not define.");
            }
            String baseName = YamlValues.scalar(settings.get("name")) != null ? YamlValues.scalar(settings.get("name")) : job;
            Map<?, ?> matrix = DefinitionYaml.map(settings.get("matrix"));
            List<String> names = new ArrayList<>();
            String alias = baseName;
            if (!matrix.isEmpty()) {
                alias = YamlValues.scalar(matrix.get("alias")) != null ? YamlValues.scalar(matrix.get("alias")) : job;
                for (Map<String, String> cell : GitLabCiReader.matrixCells(List.of(DefinitionYaml.map(matrix.get("parameters"))))) {
                    names.add(matrixName(baseName, settings.get("name") != null, cell));
                    if (names.size() == MAX_MATRIX) {
                        dag.note("The matrix of '" + job + "' in '" + workflow + "' was cut at " + MAX_MATRIX + " jobs.");
                        break;
                    }
                }
            }
            if (names.isEmpty()) {
                names.add(baseName);
            }
            List<String> ids = new ArrayList<>();
            for (String name : names) {
                String id = workflow + "/" + name;
                if (dag.job(id, name, workflow, workflow + "/" + alias, attributes)) {
                    ids.add(id);
                    requiresOf.put(id, new ArrayList<>(DefinitionYaml.list(settings.get("requires"))));
                }
                idsByAlias.computeIfAbsent(name, k -> new ArrayList<>()).add(id);
            }
            if (!alias.equals(baseName) || names.size() > 1) {
                idsByAlias.computeIfAbsent(alias, k -> new ArrayList<>()).addAll(ids);
            }
        }
        for (Map.Entry<String, List<Object>> entry : requiresOf.entrySet()) {
            for (Object required : entry.getValue()) {
                // requires: [build] or, since 2024, requires: [{build: failed}] with the statuses to wait for.
                String name = required instanceof Map<?, ?> map && map.size() == 1
                        ? String.valueOf(map.keySet().iterator().next()) : String.valueOf(required);
                List<String> from = idsByAlias.getOrDefault(name, List.of(workflow + "/" + name));
                for (String id : from) {
                    dag.edge(id, entry.getKey(), DefinedEdge.Kind.NEEDS, "");
                }
            }
        }
    }

    /**
     * CircleCI names matrix jobs {@code <name>-<value>-<value>}; when the entry has its own
     * {@code name}, that name usually holds {@code << matrix.x >>} placeholders instead.
     */
    private static String matrixName(String base, boolean named, Map<String, String> cell) {
        if (named && base.contains("<<")) {
            String out = base;
            for (Map.Entry<String, String> value : cell.entrySet()) {
                out = out.replaceAll("<<\\s*matrix\\." + java.util.regex.Pattern.quote(value.getKey()) + "\\s*>>",
                        java.util.regex.Matcher.quoteReplacement(value.getValue()));
            }
            return out;
        }
        return base + "-" + String.join("-", cell.values());
    }
}
