package dev.braid.pipelines.dvc;

import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.definitions.PipelineReadException;
import dev.braid.repos.RepositoryService;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A DVC run's params and metrics beside those of the DVC run before it (the previous commit of
 * the same source that changed a {@code dvc.lock}), like {@code dvc params diff} and
 * {@code dvc metrics diff} between the two commits. Synchronous and thread-agnostic.
 */
public final class DvcRunComparisons {
    /** How far back the previous run is looked for, in runs of the source. */
    static final int LOOK_BACK = 500;
    private final PipelineService runs;
    private final RepositoryService repositories;
    private final DvcPipelineService dvc;

    public DvcRunComparisons(PipelineService runs, RepositoryService repositories, DvcPipelineService dvc) {
        this.runs = runs;
        this.repositories = repositories;
        this.dvc = dvc;
    }

    /** The two commits' params and metrics; all null for a source's first run (nothing before it to compare with). */
    public record Comparison(PipelineRun previous, DvcComparison params, DvcComparison metrics) {
    }

    /**
     * {@code run} (of a {@code dvc} source) against the run before it; empty when {@code run} is
     * not a DVC run or its repository is no longer indexed.
     *
     * @throws PipelineReadException when a commit cannot be read
     */
    public Optional<Comparison> withPrevious(PipelineRun run) throws PipelineReadException {
        if (!PipelineService.DVC_KIND.equals(run.sourceKind()) || run.sha() == null) {
            return Optional.empty();
        }
        Optional<Long> repoId = runs.source(run.source()).map(s -> s.config("repository"))
                .flatMap(repositories::find).map(r -> r.sourceId());
        if (repoId.isEmpty()) {
            return Optional.empty();
        }
        List<PipelineRun> older = runs.runs(new PipelineQuery(List.of(run.source()), List.of(), null, List.of(), null, null,
                null, PipelineQuery.Sort.CREATED, false, 0, LOOK_BACK)).stream()
                .filter(r -> r.createdAt() != null && run.createdAt() != null && r.createdAt().isBefore(run.createdAt()))
                .sorted(Comparator.comparing(PipelineRun::createdAt).reversed()).toList();
        if (older.isEmpty()) {
            return Optional.of(new Comparison(null, null, null));
        }
        PipelineRun previous = older.get(0);
        String oldLabel = shortSha(previous.sha());
        return Optional.of(new Comparison(previous,
                relabel(dvc.paramsDiff(repoId.get(), previous.sha(), run.sha()), oldLabel, run.sha()),
                relabel(dvc.metricsDiff(repoId.get(), previous.sha(), run.sha()), oldLabel, run.sha())));
    }

    private static DvcComparison relabel(DvcComparison c, String oldLabel, String newSha) {
        return new DvcComparison(c.what(), oldLabel, shortSha(newSha), c.oldCommit(), c.newCommit(), c.rows(), c.notes());
    }

    private static String shortSha(String sha) {
        return sha.substring(0, Math.min(8, sha.length()));
    }
}
