package dev.braid.pipelines.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.pipelines.definitions.DefinitionFile;
import dev.braid.pipelines.definitions.DefinitionKind;
import dev.braid.pipelines.definitions.PipelineReadException;
import dev.braid.sync.Source;
import dev.braid.testing.GitCli;
import dev.braid.testing.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services the Pipelines view uses, wired as the application wires them, on a real git repository. */
class DvcPipelineServiceTest {
    @TempDir
    Path dir;

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes()));
    }

    @Test
    void statesOverHistoryDefinitionsAndClearErrors() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        GitCli git = new GitCli(repo);
        git.run("init", "-q");
        Files.writeString(repo.resolve("train.py"), "v1\n");
        Files.writeString(repo.resolve("dvc.yaml"), "stages:\n  train:\n    cmd: python train.py\n    deps: [train.py]\n");
        Files.writeString(repo.resolve("dvc.lock"), "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    deps:\n"
                + "    - path: train.py\n      hash: md5\n      md5: " + md5("v1\n") + "\n      size: 3\n");
        String ran = git.commitAll("Train");
        Files.writeString(repo.resolve("train.py"), "v2\n");
        String edited = git.commitAll("Edit without re-running");
        Files.writeString(repo.resolve("README.md"), "docs\n");
        String docs = git.commitAll("Docs");

        try (AppContext context = AppContext.open(DataDirectories.resolve(dir.resolve("data"), Map.of()), Clock.systemUTC())) {
            Source source = context.repositories().add(repo.toString(), "ml", TestContexts.quiet());
            List<DvcPipelineService.PipelineStatus> history = context.dvcPipelines().history(source.id(), null, 10);
            assertEquals(List.of(docs, edited, ran), history.stream().map(DvcPipelineService.PipelineStatus::commit).toList());
            assertEquals(List.of(DvcStageStatus.State.CHANGED, DvcStageStatus.State.CHANGED, DvcStageStatus.State.UP_TO_DATE),
                    history.stream().map(h -> h.stages().get(0).state()).toList());
            assertEquals(Map.of("train.py", "modified"), history.get(0).stages().get(0).deps());
            assertEquals(2, context.dvcPipelines().history(source.id(), "HEAD", 2).size());

            assertEquals(List.of(new DefinitionFile("dvc.yaml", DefinitionKind.DVC)),
                    context.pipelineDefinitions().files(source.id(), ran.substring(0, 8)));
            assertEquals("train", context.pipelineDefinitions().dag(source.id(), "HEAD~2", "dvc.yaml").jobs().get(0).id());
            assertTrue(context.dvcPipelines().experiments(source.id()).isEmpty());

            PipelineReadException unknownRev = assertThrows(PipelineReadException.class,
                    () -> context.dvcPipelines().status(source.id(), "no-such-branch"));
            assertTrue(unknownRev.getMessage().contains("no-such-branch"), unknownRev.getMessage());
            PipelineReadException noFile = assertThrows(PipelineReadException.class,
                    () -> context.pipelineDefinitions().dag(source.id(), null, ".gitlab-ci.yml"));
            assertTrue(noFile.getMessage().contains(".gitlab-ci.yml"), noFile.getMessage());
            assertThrows(PipelineReadException.class, () -> context.pipelineDefinitions().dags(9999, null));
        }
    }
}
