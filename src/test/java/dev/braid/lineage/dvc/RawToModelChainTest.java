package dev.braid.lineage.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.lineage.DatasetIdentity;
import dev.braid.lineage.Direction;
import dev.braid.lineage.LineageEdge;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.ReachedNode;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncRun;
import dev.braid.testing.DvcCli;
import dev.braid.testing.GitCli;
import dev.braid.testing.PythonEnv;
import dev.braid.testing.TestContexts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The common case, built with the real tools: DVC tracks the data and runs prepare and featurize,
 * then a training script run at that commit logs an MLflow run that reads the features, registers
 * a model version and points the {@code champion} alias at it. Synced by Braid (the repository and
 * the local MLflow store), the graph is one chain from the raw data to the alias: the MLflow run
 * is joined to the exact features version through the commit it ran at.
 */
class RawToModelChainTest {
    private static final String TRAIN = """
            import mlflow
            import pandas as pd
            from mlflow import MlflowClient

            features = pd.read_csv("data/features.csv")
            with mlflow.start_run(run_name="train") as run:
                mlflow.log_input(mlflow.data.from_pandas(features, source="data/features.csv", name="features"),
                                 context="training")
                mlflow.log_metric("rows", len(features))
                mlflow.log_text("artifact_path: model\\n", "model/MLmodel")
            version = mlflow.register_model("runs:/%s/model" % run.info.run_id, "churn")
            MlflowClient().set_registered_model_alias("churn", "champion", version.version)
            print(run.info.run_id)
            """;
    @TempDir
    static Path tmp;
    private static Path work;
    private static String commit;
    private static String runId;
    private static AppContext app;
    private static SyncRun mlflowSync;

    @BeforeAll
    static void buildTrainAndSync() throws Exception {
        work = tmp.resolve("churn");
        Files.createDirectories(work.resolve("data"));
        GitCli git = new GitCli(work);
        git.run("init", "-q");
        DvcCli dvc = DvcCli.in(work);
        dvc.run("init", "-q");
        Files.writeString(work.resolve("data/raw.csv"), "id,amount\n1,10\n2,20\n3,35\n");
        Files.writeString(work.resolve("prepare.py"),
                "open('data/prepared.csv', 'w').write(open('data/raw.csv').read().replace(' ', ''))\n");
        Files.writeString(work.resolve("featurize.py"),
                "rows = open('data/prepared.csv').read().splitlines()\n"
                        + "open('data/features.csv', 'w').write('\\n'.join([rows[0] + ',big'] + [r + ',' + str(int(r.split(',')[1]) > 15)"
                        + " for r in rows[1:]]) + '\\n')\n");
        Files.writeString(work.resolve("train.py"), TRAIN);
        dvc.run("add", "-q", "data/raw.csv");
        dvc.run("stage", "add", "-q", "-n", "prepare", "-d", "data/raw.csv", "-d", "prepare.py",
                "-o", "data/prepared.csv", "python prepare.py");
        dvc.run("stage", "add", "-q", "-n", "featurize", "-d", "data/prepared.csv", "-d", "featurize.py",
                "-o", "data/features.csv", "python featurize.py");
        dvc.run("repro", "-q");
        commit = git.commitAll("Prepare and featurize the churn data");

        Path store = Files.createDirectories(tmp.resolve("mlflow")).resolve("mlflow.db");
        runId = trainAt(work, "sqlite:///" + store);

        app = AppContext.open(new DataDirectories(tmp.resolve("data"), tmp.resolve("config")), Clock.systemUTC());
        Source repo = app.repositories().add(work.toString(), "churn", TestContexts.quiet());
        app.syncEngine().start(repo, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
        Source mlflow = app.experiments().addMlflow("sqlite:///" + store, "local", null, null, null);
        mlflowSync = app.syncEngine().start(mlflow, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    /** Runs the training script with the real MLflow in the project, as a person would at that commit. */
    private static String trainAt(Path project, String trackingUri) throws Exception {
        PythonEnv env = PythonEnv.main().ensure();
        ProcessBuilder builder = new ProcessBuilder(env.python().toString(), "train.py").directory(project.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("train.log").toFile()));
        builder.environment().put("MLFLOW_TRACKING_URI", trackingUri);
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        builder.environment().put("PATH", env.dir().resolve("bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError("train.py failed:\n" + out + Files.readString(tmp.resolve("train.log")));
        }
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    @Test
    void theAliasLeadsBackToTheRawDataNodeByNode() throws Exception {
        assertTrue(mlflowSync.usable(), String.valueOf(mlflowSync.error()));
        NodeId alias = LineageIds.alias("local", "churn", "champion");
        List<ReachedNode> upstream = app.lineage().closure(alias, Direction.UPSTREAM, 20, null);
        List<String> chain = new ArrayList<>();
        // Walk the first-reached path back from the raw data's version, as `lineage path` would.
        NodeId raw = version("data/raw.csv");
        List<List<NodeId>> paths = app.lineage().paths(raw, alias, 1, null);
        assertEquals(1, paths.size(), "raw data reaches the alias: " + upstream);
        for (NodeId id : paths.get(0)) {
            chain.add(id.kind().id());
        }
        assertEquals(List.of("dataset-version", "job-run", "dataset-version", "job-run", "dataset-version",
                "mlflow-run", "artifact", "model-version", "alias"), chain, paths.get(0).toString());
        assertEquals(List.of(raw, stageRun("prepare"), version("data/prepared.csv"), stageRun("featurize"),
                version("data/features.csv"), LineageIds.mlflowRun("local", runId),
                LineageIds.artifact("local", runId, "model"), LineageIds.modelVersion("local", "churn", "1"), alias),
                paths.get(0));
        assertTrue(upstream.stream().anyMatch(r -> r.node().id().equals(raw)), "and upstream of the alias holds it");
    }

    @Test
    void downstreamOfTheRawDataIsTheModelItMade() throws Exception {
        List<NodeId> reached = app.lineage().closure(version("data/raw.csv"), Direction.DOWNSTREAM, 20, null).stream()
                .map(r -> r.node().id()).toList();
        assertTrue(reached.contains(LineageIds.mlflowRun("local", runId)), reached.toString());
        assertTrue(reached.contains(LineageIds.alias("local", "churn", "champion")), reached.toString());
    }

    @Test
    void theJoinIsMarkedAsDerivedFromTheCommit() throws Exception {
        NodeId run = LineageIds.mlflowRun("local", runId);
        List<LineageEdge> joined = app.lineage().neighbourhood(run, 1, 0, null).edges().stream()
                .filter(e -> e.to().equals(run) && e.assertedBy().equals(DvcRunInputs.assertedBy("churn")))
                .toList();
        assertEquals(List.of(version("data/features.csv")), joined.stream().map(LineageEdge::from).toList());
        Map<String, String> facts = app.lineage().edgeProperties(joined.get(0));
        assertEquals(LineageIds.commit(work.toString(), commit).value(), facts.get("derivedFrom"));
        assertEquals("dataset input data/features.csv", facts.get("via"));
    }

    private static NodeId stageRun(String stage) throws Exception {
        List<NodeId> runs = app.lineage().closure(LineageIds.job(LineageIds.repoKey(work.toString()), stage),
                        Direction.DOWNSTREAM, 1, null).stream().map(r -> r.node().id())
                .filter(id -> id.kind().equals(NodeKind.JOB_RUN)).collect(Collectors.toList());
        assertEquals(1, runs.size(), stage + " ran once: " + runs);
        return runs.get(0);
    }

    private static NodeId version(String file) throws Exception {
        return DatasetIdentity.fromDvc(work.toString(), file, "", false).versionId(DvcProject.md5(work.resolve(file)));
    }
}
