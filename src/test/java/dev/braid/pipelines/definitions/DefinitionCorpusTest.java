package dev.braid.pipelines.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.dvc.DvcDagReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Real definition files from public projects ({@code corpus/SOURCES.md} names each project,
 * commit and licence), read as Braid reads a commit: every definition is found, parses without
 * an exception into a sane DAG, and what it cannot read is a note.
 */
class DefinitionCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/dev/braid/pipelines/corpus");
    private static final PipelineDefinitions DEFINITIONS = new PipelineDefinitions(DefinitionReaders.standard(DvcDagReader.asList()));

    static List<Path> projects() throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> kinds = Files.list(CORPUS)) {
            for (Path kind : kinds.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> projects = Files.list(kind)) {
                    out.addAll(projects.filter(Files::isDirectory).sorted().toList());
                }
            }
        }
        return out;
    }

    static Map<String, DefinitionDag> read(String project) throws Exception {
        Map<String, DefinitionDag> out = new HashMap<>();
        for (DefinitionDag dag : DEFINITIONS.readAll(MapTreeFiles.of(CORPUS.resolve(project)))) {
            out.put(dag.file(), dag);
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyDefinitionParsesIntoASaneDag() throws Exception {
        return projects().stream().map(project -> DynamicTest.dynamicTest(CORPUS.relativize(project).toString(), () -> {
            List<DefinitionDag> dags = DEFINITIONS.readAll(MapTreeFiles.of(project));
            assertFalse(dags.isEmpty(), "found no definition in " + project);
            for (DefinitionDag dag : dags) {
                assertSane(dag);
            }
        }));
    }

    /** Ids unique, edges and needs between listed jobs, no cycle, notes in words. */
    static void assertSane(DefinitionDag dag) {
        String where = dag.file() + ": ";
        assertFalse(dag.jobs().isEmpty(), where + "no jobs; notes " + dag.notes());
        Set<String> ids = new HashSet<>();
        for (DefinedJob job : dag.jobs()) {
            assertTrue(ids.add(job.id()), where + "two jobs have the id " + job.id());
            assertFalse(job.name().isBlank(), where + job.id() + " has no name");
        }
        for (DefinedEdge edge : dag.edges()) {
            assertTrue(ids.contains(edge.from()) && ids.contains(edge.to()), where + "edge to nowhere " + edge);
        }
        int needs = 0;
        for (DefinedJob job : dag.jobs()) {
            assertTrue(ids.containsAll(job.needs()), where + job.id() + " needs unknown jobs " + job.needs());
            needs += job.needs().size();
        }
        assertEquals(dag.edges().size(), needs, where + "needs and edges disagree");
        Map<String, Integer> position = new HashMap<>();
        List<DefinedJob> order = dag.topologicalOrder();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i).id(), i);
        }
        for (DefinedEdge edge : dag.edges()) {
            assertTrue(position.get(edge.from()) < position.get(edge.to()), where + "cycle through " + edge);
        }
        dag.notes().forEach(note -> assertTrue(note.length() > 20 && note.endsWith("."), where + "unclear note: " + note));
    }

    @Test
    void gitlabRunnerIsReadAcrossItsLocalIncludesWithTheRestNamed() throws Exception {
        DefinitionDag dag = read("gitlab/gitlab-runner").get(".gitlab-ci.yml");
        assertTrue(dag.jobs().size() > 100, "jobs: " + dag.jobs().size());
        assertEquals(List.of("build", "qa", "test", "coverage", "package", "release", "test kubernetes integration",
                "postrelease", "deploy", "rebase", "docs"), dag.stages().stream().filter(s -> !s.startsWith(".")).toList());
        assertTrue(dag.notes().stream().anyMatch(n -> n.contains("danger-review")), dag.notes().toString());
        assertTrue(dag.notes().stream().anyMatch(n -> n.contains("templates/gcp_auth.yaml")), dag.notes().toString());
        // Jobs defined only in included files, with needs read through extends and !reference.
        assertTrue(dag.jobs().stream().anyMatch(j -> j.stage().equals("test") && !j.needs().isEmpty()));
        assertTrue(dag.jobs().stream().anyMatch(j -> j.id().matches(".*: \\[.*]")), "a parallel: matrix job");
    }

    @Test
    void githubMatricesAndReusableWorkflowsOfRealProjects() throws Exception {
        DefinitionDag flask = read("github/flask").get(".github/workflows/tests.yaml");
        List<String> names = flask.jobs().stream().map(DefinedJob::name).toList();
        assertTrue(names.containsAll(List.of("3.14", "Windows", "Mac", "PyPy", "Minimum Versions", "typing")), names.toString());
        assertEquals(12, names.size());
        DefinitionDag kfp = read("github/kubeflow-pipelines").get(".github/workflows/image-builds-master.yml");
        assertTrue(kfp.edges().size() > 10);
        assertEquals(2, kfp.notes().size(), kfp.notes().toString());
    }

    @Test
    void circleCiWorkflowsOfRealProjects() throws Exception {
        DefinitionDag react = read("circleci/react").get(".circleci/config.yml");
        assertEquals(List.of("commit", "hourly"), react.stages());
        assertEquals(List.of("commit/build"), react.job("commit/sizebot").orElseThrow().needs());
        assertTrue(react.notes().get(0).contains("fuzz_tests"), react.notes().toString());
    }

    @Test
    void jenkinsfilesDeclarativeAndScripted() throws Exception {
        Map<String, DefinitionDag> declarative = read("jenkins/pipeline-model-definition");
        assertEquals(300, declarative.get("basic-stages300.Jenkinsfile").jobs().size());
        DefinitionDag nested = declarative.get("parallel-nestedParallelStages.Jenkinsfile");
        assertEquals(List.of("foo"), nested.job("second").orElseThrow().needs());
        DefinitionDag scripted = read("jenkins/jenkins").get("Jenkinsfile");
        assertTrue(scripted.notes().get(0).contains("scripted Pipeline"), scripted.notes().toString());
    }

    @Test
    void kubeflowSpecsIncludingALargeGoogleCloudPipeline() throws Exception {
        Map<String, DefinitionDag> specs = read("kubeflow/kubeflow-pipelines");
        assertEquals(12, specs.size());
        DefinitionDag automl = specs.get(
                "components/google-cloud/google_cloud_pipeline_components/v1/automl/tabular/automl_tabular_pipeline.yaml");
        assertTrue(automl.jobs().size() > 40, "tasks: " + automl.jobs().size());
        assertTrue(automl.edges().stream().anyMatch(e -> e.kind() == DefinedEdge.Kind.DATA));
        assertTrue(automl.jobs().stream().anyMatch(j -> j.id().contains("/")), "sub-DAG tasks");
    }

    @Test
    void dvcPipelinesOfRealProjects() throws Exception {
        DefinitionDag churn = read("dvc/demo-bank-customer-churn").get("dvc.yaml");
        List<String> stages = churn.jobs().stream().filter(j -> j.attribute("tracks").isEmpty()).map(DefinedJob::id).toList();
        assertEquals(List.of("data_split", "train", "eval"), stages);
        assertTrue(churn.job("eval").orElseThrow().needs().containsAll(List.of("data_split", "train")));
        assertEquals(List.of("data/Churn_Modelling.csv.dvc"), churn.job("data_split").orElseThrow().needs());
    }
}
