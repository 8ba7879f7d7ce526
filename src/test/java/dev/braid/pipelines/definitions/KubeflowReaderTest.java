package dev.braid.pipelines.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testing.PythonEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubeflow pipeline specs compiled by the real {@code kfp} SDK pinned in
 * {@code .ci/requirements-kfp.txt} ({@code compile_kfp_pipelines.py}), read into DAGs: tasks,
 * {@code .after()} dependencies, data passed between tasks, display names, and the sub-DAGs of
 * {@code ExitHandler}, {@code ParallelFor}, {@code If} and a pipeline used as a component.
 */
class KubeflowReaderTest {
    @TempDir
    static Path out;
    static MapTreeFiles compiled;

    @BeforeAll
    static void compileWithKfp() throws Exception {
        PythonEnv kfp = PythonEnv.named("kfp").ensure();
        Path script = Path.of("src/test/resources/dev/braid/pipelines/definitions/compile_kfp_pipelines.py").toAbsolutePath();
        Process process = new ProcessBuilder(kfp.python().toString(), script.toString(), out.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "kfp compiled in time");
        assertEquals(0, process.exitValue(), output);
        compiled = MapTreeFiles.of(out);
    }

    private static DefinitionDag read(String file) throws Exception {
        return KubeflowReader.read(compiled, file, compiled.read(file).orElseThrow());
    }

    private static Set<String> edges(DefinitionDag dag) {
        Set<String> out = new TreeSet<>();
        dag.edges().forEach(e -> out.add(e.from() + " -> " + e.to() + " " + e.kind() + (e.label().isEmpty() ? "" : " [" + e.label() + "]")));
        return out;
    }

    @Test
    void tasksDependenciesAndDataPassing() throws Exception {
        DefinitionDag dag = read("training.yaml");
        assertEquals("churn-training", dag.name());
        assertEquals(DefinitionKind.KUBEFLOW, dag.kind());
        assertEquals(Set.of("evaluate", "load-data", "notify", "train"), new TreeSet<>(dag.jobs().stream().map(DefinedJob::id).toList()));
        assertEquals("train model", dag.job("train").orElseThrow().name());
        assertEquals("python:3.11", dag.job("train").orElseThrow().attribute("image"));
        assertEquals(Set.of("load-data -> train DATA [dataset]", "train -> evaluate DATA [Output, model]",
                "evaluate -> notify NEEDS"), edges(dag));
        assertTrue(dag.complete(), dag.notes().toString());
    }

    @Test
    void subDagsOfControlFlowAreDrawnInsideTheirTask() throws Exception {
        DefinitionDag dag = read("control.yaml");
        assertEquals("control-flow", dag.name());
        assertEquals(List.of("exit-handler-1", "exit-handler-1", "exit-handler-1/for-loop-3"),
                List.of(dag.job("exit-handler-1/for-loop-3").orElseThrow().stage(),
                        dag.job("exit-handler-1/condition-4").orElseThrow().stage(),
                        dag.job("exit-handler-1/for-loop-3/load-data").orElseThrow().stage()));
        assertEquals("true", dag.job("exit-handler-1/for-loop-3").orElseThrow().attribute("loop"));
        assertTrue(dag.job("exit-handler-1/condition-4").orElseThrow().attribute("condition").contains("'full'"));
        assertEquals("ALL_UPSTREAM_TASKS_COMPLETED", dag.job("notify").orElseThrow().attribute("trigger"));
        assertEquals(List.of("exit-handler-1"), dag.job("notify").orElseThrow().needs());
        assertTrue(dag.job("exit-handler-1/sub-pipeline/load-data").isPresent());
        assertEquals(8, dag.jobs().size());
        assertTrue(dag.complete(), dag.notes().toString());
    }

    @Test
    void specsAreFoundByTheirContentAmongOtherYaml() throws Exception {
        MapTreeFiles files = new MapTreeFiles(Map.of("pipelines/training.yaml", compiled.read("training.yaml").orElseThrow(),
                "config/app.yaml", "root:\n  dag: no\n", "docs/notes.yml", "pipelineInfo: is a word here\n"));
        PipelineDefinitions definitions = new PipelineDefinitions(DefinitionReaders.standard(List.of()));
        assertEquals(List.of(new DefinitionFile("pipelines/training.yaml", DefinitionKind.KUBEFLOW)), definitions.find(files));
    }
}
