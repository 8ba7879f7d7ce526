package dev.braid.pipelines.dvc;

import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.definitions.PipelineReadException;
import dev.braid.pipelines.definitions.RepositoryCommits;
import dev.braid.repos.RepoSummary;
import dev.braid.repos.RepositoryService;
import dev.braid.sync.AfterSync;
import dev.braid.sync.Source;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRunStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * After a repository's sync, its DVC pipeline runs (docs/decisions/0032-dvc-pipeline-runs.md):
 * DVC pipelines need no source of their own, they come with the repository. When the repository
 * has a {@code dvc.yaml} at {@code HEAD} and no {@code dvc} source follows it yet, one named
 * {@code dvc:REPO} is added; the source following it (added here or by {@code braid pipelines add
 * dvc}) is then synced, unless paused. A failure is a warning of the repository's sync.
 */
public final class RepositoryDvcPipeline implements AfterSync.Step {
    private final RepositoryService repositories;
    private final PipelineService pipelines;
    private final Supplier<SourceSyncer> dvcSyncer;
    private final SyncRunStore syncRuns;
    private final Clock clock;

    /**
     * {@code dvcSyncer} syncs a {@code dvc} source (made when first needed); each of those syncs is
     * recorded in {@code syncRuns} like one the sync engine ran, so the source's state (status bar,
     * {@code braid status}, the sync log) says when its runs were last read.
     */
    public RepositoryDvcPipeline(RepositoryService repositories, PipelineService pipelines, Supplier<SourceSyncer> dvcSyncer,
                                 SyncRunStore syncRuns, Clock clock) {
        this.repositories = repositories;
        this.pipelines = pipelines;
        this.dvcSyncer = dvcSyncer;
        this.syncRuns = syncRuns;
        this.clock = clock;
    }

    /** The {@code dvc} sources following the repository named {@code repository}. */
    public static List<Source> following(List<Source> sources, String repository) {
        return sources.stream().filter(s -> s.kind().equals(PipelineService.DVC_KIND))
                .filter(s -> repository.equals(s.config("repository"))).toList();
    }

    @Override
    public void after(Source repository, SyncContext context) {
        Optional<RepoSummary> summary = repositories.find(repository.id());
        if (summary.isEmpty()) {
            return;
        }
        List<Source> sources = following(pipelines.sources(), summary.get().name());
        try {
            if (sources.isEmpty()) {
                if (!hasPipelineAtHead(summary.get().sourceId())) {
                    return;
                }
                RepoSummary repo = summary.get();
                String location = repo.remoteUrl() == null || repo.remoteUrl().isBlank() ? repo.path() : repo.remoteUrl();
                sources = List.of(pipelines.addDvc(repo.name(), location, null));
            }
            for (Source source : sources) {
                if (!source.paused()) {
                    context.progress(-1, "reading the DVC pipeline runs of " + repository.name());
                    syncRecorded(source, context);
                }
            }
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        } catch (Exception e) {
            context.warn("DVC pipeline runs of " + repository.name() + " not read: " + e.getMessage());
        }
    }

    private void syncRecorded(Source source, SyncContext context) throws Exception {
        long run = syncRuns.begin(source.id(), clock.instant());
        try {
            SyncCounts counts = dvcSyncer.get().sync(source, context);
            syncRuns.finish(run, clock.instant(), SyncOutcome.SUCCEEDED, counts, 1, null);
        } catch (java.util.concurrent.CancellationException e) {
            syncRuns.finish(run, clock.instant(), SyncOutcome.CANCELLED, SyncCounts.NONE, 1, null);
            throw e;
        } catch (Exception e) {
            syncRuns.finish(run, clock.instant(), SyncOutcome.FAILED, SyncCounts.NONE, 1, e.getMessage());
            throw e;
        }
    }

    private boolean hasPipelineAtHead(long repoId) throws PipelineReadException {
        return repositories.find(repoId).map(RepoSummary::headCommit).isPresent()
                && new RepositoryCommits(repositories).withCommit(repoId, null,
                        (repository, commit, files) -> files.paths().stream().anyMatch(DvcPipeline::isPipelineFile));
    }
}
