package dev.braid.pipelines.definitions;

import dev.braid.sync.SafeYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Kubeflow Pipelines IR YAML (what {@code kfp}'s compiler writes) into the DAG of its
 * tasks: {@code root.dag.tasks} with {@code dependentTasks} as edges, and the parameters and
 * artifacts one task takes from another's outputs as data edges labelled with their names.
 * Sub-DAGs ({@code dsl.ParallelFor}, {@code dsl.Condition}/{@code If}, {@code dsl.ExitHandler},
 * pipelines used as components) are drawn as a task whose inner tasks have ids
 * {@code outer/inner} and the outer task as their stage.
 */
public final class KubeflowReader {
    private static final int MAX_NESTING = 20;

    private KubeflowReader() {
    }

    /** Whether a loaded YAML document looks like KFP's pipeline spec. */
    public static boolean isPipelineSpec(Object document) {
        Map<?, ?> map = DefinitionYaml.map(document);
        return map.containsKey("pipelineInfo") && DefinitionYaml.map(map.get("root")).containsKey("dag");
    }

    public static DefinitionDag read(TreeFiles files, String path, String text) {
        DagBuilder dag = new DagBuilder();
        String name = path;
        try {
            Map<?, ?> spec = null;
            for (Object document : DefinitionYaml.loadAll(path, text)) {
                if (isPipelineSpec(document)) {
                    spec = DefinitionYaml.map(document);
                    break;
                }
            }
            if (spec == null) {
                dag.note(path + " is not a Kubeflow pipeline spec (no pipelineInfo and root.dag).");
            } else {
                name = YamlValues.scalar(DefinitionYaml.map(spec.get("pipelineInfo")).get("name")) != null
                        ? YamlValues.scalar(DefinitionYaml.map(spec.get("pipelineInfo")).get("name")) : path;
                new Tasks(dag, spec).add(DefinitionYaml.map(DefinitionYaml.map(spec.get("root")).get("dag")), "", "", 0,
                        new LinkedHashSet<>());
            }
        } catch (SafeYaml.UnreadableYamlException e) {
            dag.note(e.getMessage());
        }
        return dag.build(DefinitionKind.KUBEFLOW, path, files.commit(), name);
    }

    private static final class Tasks {
        private final DagBuilder dag;
        private final Map<?, ?> components;
        private final Map<?, ?> executors;

        Tasks(DagBuilder dag, Map<?, ?> spec) {
            this.dag = dag;
            this.components = DefinitionYaml.map(spec.get("components"));
            this.executors = DefinitionYaml.map(DefinitionYaml.map(spec.get("deploymentSpec")).get("executors"));
        }

        /** Adds the tasks of one DAG, their ids prefixed with {@code prefix}. Returns their ids. */
        List<String> add(Map<?, ?> dagSpec, String prefix, String stage, int depth, Set<String> open) {
            Map<?, ?> tasks = DefinitionYaml.map(dagSpec.get("tasks"));
            List<String> ids = new ArrayList<>();
            for (Map.Entry<?, ?> entry : tasks.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Map<?, ?> task = DefinitionYaml.map(entry.getValue());
                String id = prefix + key;
                String componentName = YamlValues.scalar(DefinitionYaml.map(task.get("componentRef")).get("name"));
                Map<?, ?> component = DefinitionYaml.map(components.get(componentName));
                String shown = YamlValues.scalar(DefinitionYaml.map(task.get("taskInfo")).get("name"));
                if (!dag.job(id, shown == null ? key : shown, stage, id, attributes(task, componentName, component))) {
                    continue;
                }
                ids.add(id);
                for (Object need : DefinitionYaml.list(task.get("dependentTasks"))) {
                    dag.edge(prefix + need, id, DefinedEdge.Kind.NEEDS, "");
                }
                dataEdges(task, prefix, id);
                if (component.get("dag") instanceof Map<?, ?> inner) {
                    if (depth >= MAX_NESTING || !open.add(componentName)) {
                        dag.note("The sub-DAG of '" + key + "' nests too deeply or in a loop; its inner tasks were left out.");
                        continue;
                    }
                    List<String> innerIds = add(inner, id + "/", id, depth + 1, open);
                    open.remove(componentName);
                    for (String child : innerIds) {
                        if (dag.jobIds().contains(child) && rootOfSubDag(inner, child.substring(id.length() + 1))) {
                            dag.edge(id, child, DefinedEdge.Kind.ORDER, "");
                        }
                    }
                } else if (componentName != null && component.isEmpty()) {
                    dag.note("Task '" + key + "' uses component '" + componentName + "', which the file does not define.");
                }
            }
            return ids;
        }

        private static boolean rootOfSubDag(Map<?, ?> inner, String key) {
            Map<?, ?> task = DefinitionYaml.map(DefinitionYaml.map(inner.get("tasks")).get(key));
            return DefinitionYaml.list(task.get("dependentTasks")).isEmpty();
        }

        /** Edges for the parameters and artifacts {@code task} takes from other tasks' outputs. */
        private void dataEdges(Map<?, ?> task, String prefix, String id) {
            Map<?, ?> inputs = DefinitionYaml.map(task.get("inputs"));
            for (String kind : List.of("parameters", "artifacts")) {
                for (Map.Entry<?, ?> input : DefinitionYaml.map(inputs.get(kind)).entrySet()) {
                    Map<?, ?> value = DefinitionYaml.map(input.getValue());
                    Map<?, ?> from = DefinitionYaml.map(value.get(kind.equals("parameters") ? "taskOutputParameter" : "taskOutputArtifact"));
                    String producer = YamlValues.scalar(from.get("producerTask"));
                    if (producer != null) {
                        String output = YamlValues.scalar(from.get(kind.equals("parameters") ? "outputParameterKey" : "outputArtifactKey"));
                        dag.edge(prefix + producer, id, DefinedEdge.Kind.DATA, output == null ? String.valueOf(input.getKey()) : output);
                    }
                }
            }
        }

        private Map<String, String> attributes(Map<?, ?> task, String componentName, Map<?, ?> component) {
            Map<String, String> out = new LinkedHashMap<>();
            if (componentName != null) {
                out.put("component", componentName);
            }
            String executor = YamlValues.scalar(component.get("executorLabel"));
            Map<?, ?> container = DefinitionYaml.map(DefinitionYaml.map(executors.get(executor)).get("container"));
            if (container.get("image") != null) {
                out.put("image", YamlValues.brief(container.get("image")));
            }
            Map<?, ?> trigger = DefinitionYaml.map(task.get("triggerPolicy"));
            if (trigger.get("condition") != null) {
                out.put("condition", YamlValues.brief(trigger.get("condition")));
            }
            if (trigger.get("strategy") != null) {
                out.put("trigger", YamlValues.brief(trigger.get("strategy")));
            }
            if (task.get("parameterIterator") != null || task.get("artifactIterator") != null) {
                out.put("loop", "true");
            }
            if (component.get("dag") != null) {
                out.put("dag", "true");
            }
            // kfp writes cachingOptions: {enableCache: true}, and an empty mapping when caching is off.
            if (task.get("cachingOptions") instanceof Map<?, ?> caching && !Boolean.TRUE.equals(caching.get("enableCache"))) {
                out.put("cache", "false");
            }
            return out;
        }
    }
}
