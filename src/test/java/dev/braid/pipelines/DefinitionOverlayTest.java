package dev.braid.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.definitions.DefinedEdge;
import dev.braid.pipelines.definitions.DefinedJob;
import dev.braid.pipelines.definitions.DefinitionDag;
import dev.braid.pipelines.definitions.DefinitionKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DefinitionOverlayTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void declaredJobsCarryTheRunsLatestAttemptsAndTheRestShowAsNotRun() {
        DefinitionDag definition = new DefinitionDag(DefinitionKind.GITLAB_CI, ".gitlab-ci.yml", "0123456789abcdef", null,
                List.of("check", "deploy"),
                List.of(declared("test", "check", List.of()), declared("lint", "check", List.of()),
                        declared("deploy", "deploy", List.of("test"))),
                List.of(new DefinedEdge("test", "deploy", DefinedEdge.Kind.NEEDS, ""),
                        new DefinedEdge("lint", "deploy", DefinedEdge.Kind.ORDER, "")),
                List.of("include: remote https://example.org/ci.yml was left out"));
        PipelineRunDetail run = run(List.of(
                job("1", "test", PipelineStatus.FAILED, 1, true),
                job("2", "test", PipelineStatus.SUCCESS, 2, false),
                job("3", "deploy", PipelineStatus.FAILED, 1, false),
                job("4", "pages", PipelineStatus.SUCCESS, 1, false)));

        DefinitionOverlay overlay = DefinitionOverlay.of(definition, run);

        Map<String, PipelineJob> drawn = overlay.dag().nodes().stream().map(PipelineDag.Node::job)
                .collect(Collectors.toMap(PipelineJob::name, j -> j));
        assertEquals(List.of("deploy", "lint", "test"), drawn.keySet().stream().sorted().toList(), "the definition's jobs only");
        assertEquals(PipelineStatus.SUCCESS, drawn.get("test").status(), "the retry that passed, not the failed try");
        assertEquals("2", drawn.get("test").id(), "a drawn job opens the run's own job and log");
        assertEquals(PipelineStatus.FAILED, drawn.get("deploy").status());
        assertEquals(PipelineStatus.UNKNOWN, drawn.get("lint").status());
        assertEquals("not run", drawn.get("lint").sourceStatus());
        assertEquals(List.of("test", "lint"), drawn.get("deploy").needs(), "declared needs and stage order both drawn");
        assertEquals(2, overlay.matched());
        assertEquals(1, overlay.extraJobs(), "pages ran but is not declared");
        assertEquals(".gitlab-ci.yml at 0123456789: 2 of 3 declared jobs ran, 1 run job not declared."
                + " Left out: include: remote https://example.org/ci.yml was left out", overlay.summary());
        assertTrue(overlay.dag().criticalPath().contains("deploy"));
    }

    @Test
    void aDefinitionWithoutARunShowsEveryJobAsNotRun() {
        DefinitionDag definition = new DefinitionDag(DefinitionKind.GITHUB_ACTIONS, ".github/workflows/ci.yml", "abc", "CI",
                List.of(), List.of(declared("build", "", List.of())), List.of(), List.of());
        DefinitionOverlay overlay = DefinitionOverlay.of(definition, null);
        assertEquals(0, overlay.matched());
        assertEquals(PipelineStatus.UNKNOWN, overlay.dag().nodes().get(0).job().status());
        assertEquals(".github/workflows/ci.yml at abc: 0 of 1 declared jobs ran", overlay.summary());
    }

    private static DefinedJob declared(String id, String stage, List<String> needs) {
        return new DefinedJob(id, id, stage, needs, null, Map.of());
    }

    private static PipelineJob job(String id, String name, PipelineStatus status, int attempt, boolean retried) {
        return new PipelineJob(id, name, null, "job", status, status.word(), T, T, T.plusSeconds(60), 1_000L, 60_000L, attempt,
                retried, false, "runner-1", List.of(), null, Integer.parseInt(id), null, List.of());
    }

    private static PipelineRunDetail run(List<PipelineJob> jobs) {
        PipelineRun run = new PipelineRun(1, "gitlab:acme/churn", "gitlab", "77", 77L, "acme/churn", PipelineStatus.FAILED,
                "failed", "main", "0123456789abcdef", "push", null, null, T, T, T.plusSeconds(300), 1_000L, 300_000L, 1, null,
                null, jobs.size(), 1);
        return new PipelineRunDetail(run, jobs, null, List.of());
    }
}
