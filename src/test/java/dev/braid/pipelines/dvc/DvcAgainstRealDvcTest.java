package dev.braid.pipelines.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.pipelines.definitions.DefinedEdge;
import dev.braid.pipelines.definitions.DefinitionDag;
import dev.braid.pipelines.definitions.GitTreeFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Braid's reading of DVC pipelines from git history checked against the real {@code dvc} pinned
 * in {@code .ci/requirements.txt}, run on the same commits: {@code dvc stage list},
 * {@code dvc dag --dot}, {@code dvc status --json}, {@code dvc params diff} and
 * {@code dvc metrics diff} (tables and {@code --json}), and {@code dvc exp run}.
 */
class DvcAgainstRealDvcTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TAGS = List.of("run1", "edited", "run2", "newData");
    @TempDir
    static Path dir;
    static DvcPipelineProject project;
    static Git git;

    @BeforeAll
    static void build() throws Exception {
        project = DvcPipelineProject.build(dir);
        git = Git.open(project.work.toFile());
    }

    @AfterAll
    static void close() {
        if (git != null) {
            git.close();
        }
    }

    private interface AtCommit<T> {
        T run(GitTreeFiles files) throws Exception;
    }

    private static <T> T at(String tag, AtCommit<T> work) throws Exception {
        try (RevWalk walk = new RevWalk(git.getRepository()); ObjectReader reader = git.getRepository().newObjectReader()) {
            RevCommit commit = walk.parseCommit(git.getRepository().resolve(tag + "^{commit}"));
            return work.run(new GitTreeFiles(reader, commit));
        }
    }

    @Test
    void stagesAndDagMatchDvcStageListAndDvcDag() throws Exception {
        for (String tag : TAGS) {
            project.checkout(tag);
            List<String> dvcNames = new ArrayList<>();
            for (String line : project.dvc.run("stage", "list", "--name-only").split("\n")) {
                if (!line.isBlank()) {
                    dvcNames.add(line.strip());
                }
            }
            DefinitionDag dag = at(tag, files -> new DvcDagReader().read(files, "dvc.yaml", files.read("dvc.yaml").orElseThrow()));
            assertEquals(dvcNames, dag.jobs().stream().filter(j -> j.attribute("tracks").isEmpty()).map(j -> j.id()).toList(), tag);
            Set<String> dvcEdges = new TreeSet<>();
            Matcher edge = Pattern.compile("\"([^\"]+)\" -> \"([^\"]+)\"").matcher(project.dvc.run("dag", "--dot"));
            while (edge.find()) {
                dvcEdges.add(edge.group(1) + " -> " + edge.group(2));
            }
            Set<String> ours = new TreeSet<>();
            for (DefinedEdge e : dag.edges()) {
                ours.add(e.from() + " -> " + e.to());
            }
            assertEquals(dvcEdges, ours, tag);
            assertTrue(dag.complete(), dag.notes().toString());
        }
    }

    @Test
    void stageStatesMatchDvcStatusAtEveryCommit() throws Exception {
        DvcStatusReader reader = new DvcStatusReader();
        Set<String> statesSeen = new LinkedHashSet<>();
        for (String tag : TAGS) {
            project.checkout(tag);
            JsonNode dvc = JSON.readTree(project.dvc.run("status", "--json"));
            // One reader for the whole walk, as over a history: parsed files and hashes are reused between commits.
            List<DvcStageStatus> statuses = at(tag, files -> reader.status(files));
            for (DvcStageStatus status : statuses) {
                statesSeen.add(tag + ":" + status.stage() + "=" + status.state());
                switch (status.state()) {
                    case UP_TO_DATE -> assertFalse(dvc.has(status.stage()), tag + " " + status.stage() + ": dvc says " + dvc);
                    case NEVER_RUN -> assertTrue(dvc.has(status.stage()), tag + " " + status.stage());
                    case CHANGED -> assertEquals(dvc.get(status.stage()), JSON.readTree(JSON.writeValueAsString(status.dvcStatusJson())),
                            tag + " " + status.stage());
                }
                assertTrue(status.unknown().isEmpty(), status.toString());
            }
            dvc.fieldNames().forEachRemaining(name -> assertTrue(statuses.stream().anyMatch(s -> s.stage().equals(name)),
                    tag + ": dvc reports " + name));
        }
        // The project really shows each situation the issue names.
        assertTrue(statesSeen.contains("run1:prepare=UP_TO_DATE"), statesSeen.toString());
        assertTrue(statesSeen.contains("edited:prepare=CHANGED"), statesSeen.toString());
        assertTrue(statesSeen.contains("edited:train@small=CHANGED"), statesSeen.toString());
        assertTrue(statesSeen.contains("edited:report=NEVER_RUN"), statesSeen.toString());
        assertTrue(statesSeen.contains("run2:evaluate@big-test=UP_TO_DATE"), statesSeen.toString());
        assertTrue(statesSeen.contains("newData:prepare=CHANGED"), statesSeen.toString());
    }

    @Test
    void paramsAndMetricsDiffsMatchDvc() throws Exception {
        project.checkout("newData");
        String[][] pairs = {{"run1", "edited"}, {"run1", "run2"}, {"edited", "newData"}};
        for (String[] pair : pairs) {
            DvcComparison params = at(pair[0], a -> at(pair[1], b -> DvcDiffReader.params(pair[0], a, pair[1], b)));
            DvcComparison metrics = at(pair[0], a -> at(pair[1], b -> DvcDiffReader.metrics(pair[0], a, pair[1], b)));
            for (boolean all : new boolean[] {false, true}) {
                List<String> flag = all ? List.of("--all") : List.of();
                assertEquals(project.dvc.run(args("params", pair, flag, false)), params.table(all), "params " + List.of(pair) + all);
                assertEquals(JSON.readTree(project.dvc.run(args("params", pair, flag, true))),
                        JSON.readTree(JSON.writeValueAsString(params.json(all))), "params json " + List.of(pair) + all);
                assertEquals(project.dvc.run(args("metrics", pair, flag, false)).lines().sorted().toList(),
                        metrics.table(all).lines().sorted().toList(), "metrics " + List.of(pair) + all);
                assertEquals(JSON.readTree(project.dvc.run(args("metrics", pair, flag, true))),
                        JSON.readTree(JSON.writeValueAsString(metrics.json(all))), "metrics json " + List.of(pair) + all);
            }
        }
        DvcComparison changed = at("run1", a -> at("run2", b -> DvcDiffReader.metrics("run1", a, "run2", b)));
        assertFalse(changed.changed().isEmpty());
    }

    @Test
    void experimentsKeptAsRefsAreListedWithTheirParamsAndMetrics() throws Exception {
        project.checkout("run2");
        project.dvc.run("exp", "run", "-q", "-S", "train.lr=0.5", "-n", "lr-half");
        project.git.run("checkout", "-q", "-f", "newData");
        List<DvcExperiment> experiments = DvcExperiments.list(git.getRepository());
        assertEquals(List.of("lr-half"), experiments.stream().map(DvcExperiment::name).toList());
        DvcExperiment experiment = experiments.get(0);
        assertEquals(project.commits.get("run2"), experiment.baseline());
        assertEquals(0.5, ((Number) experiment.params().get("params.yaml").get("train.lr")).doubleValue());
        assertEquals(1.0, ((Number) experiment.metrics().get("eval-small-dev.json").get("acc")).doubleValue());
        assertTrue(project.dvc.run("exp", "list", "--all-commits", "--name-only").contains("lr-half"));
    }

    private static String[] args(String what, String[] pair, List<String> flag, boolean json) {
        List<String> out = new ArrayList<>(List.of(what, "diff", pair[0], pair[1]));
        out.addAll(flag);
        if (json) {
            out.add("--json");
        }
        return out.toArray(String[]::new);
    }
}
