package dev.braid.pipelines;

import dev.braid.pipelines.definitions.DefinitionDag;
import dev.braid.pipelines.definitions.PipelineDefinitionService;
import dev.braid.pipelines.definitions.PipelineReadException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pipeline definition a cached run was made from, read from git at the run's commit in the
 * indexed repository holding that commit, with the run's statuses laid over it. Of the commit's
 * definitions of the run's CI system (a repository may have several GitHub workflows), the one
 * whose declared jobs the run ran most of. Synchronous; reads git, so call it off the UI thread.
 */
public final class RunDefinitions {
    private final PipelineDefinitionService definitions;
    private final Function<String, Optional<Long>> repositoryOfCommit;

    /** @param repositoryOfCommit the indexed repository holding a commit (by its full hash), if any */
    public RunDefinitions(PipelineDefinitionService definitions, Function<String, Optional<Long>> repositoryOfCommit) {
        this.definitions = definitions;
        this.repositoryOfCommit = repositoryOfCommit;
    }

    /**
     * The definition of {@code run} with its statuses laid over; empty when the run names no commit,
     * no indexed repository holds it, or the commit has no definition of the run's CI system.
     *
     * @throws PipelineReadException when the repository or commit cannot be read
     */
    public Optional<DefinitionOverlay> of(PipelineRunDetail run) throws PipelineReadException {
        String sha = run == null ? null : run.run().sha();
        if (sha == null || sha.isBlank()) {
            return Optional.empty();
        }
        Optional<Long> repo = repositoryOfCommit.apply(sha);
        if (repo.isEmpty()) {
            return Optional.empty();
        }
        List<DefinitionDag> dags = definitions.dags(repo.get(), sha).stream()
                .filter(d -> d.kind().sourceKind().equals(run.run().sourceKind())).toList();
        return dags.stream().map(d -> DefinitionOverlay.of(d, run))
                .max(Comparator.comparingInt(DefinitionOverlay::matched)
                        .thenComparing(o -> o.definition().name().equals(run.run().pipeline())));
    }
}
