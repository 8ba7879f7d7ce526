package dev.braid.pipelines.dvc;

import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.RunSource;
import dev.braid.pipelines.RunSources;
import dev.braid.pipelines.definitions.RepositoryCommits;
import dev.braid.repos.RepoSummary;
import dev.braid.repos.RepositoryService;
import dev.braid.sync.Source;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Opens a {@code dvc} pipeline source: the DVC pipeline of the indexed repository its
 * {@code repository} setting names, read from git (no server, no DVC).
 */
public final class DvcRunSources implements RunSources {
    private final RepositoryService repositories;

    public DvcRunSources(RepositoryService repositories) {
        this.repositories = repositories;
    }

    @Override
    public RunSource open(Source source, BooleanSupplier cancelled, Consumer<String> progress) throws PipelineException {
        String name = source.config("repository");
        RepoSummary repo = (name == null ? java.util.Optional.<RepoSummary>empty() : repositories.find(name))
                .orElseThrow(() -> PipelineException.permanent("no indexed repository named " + name
                        + " (see 'braid repo list'); add it, or remove this source", null));
        return new DvcRunSource(new RepositoryCommits(repositories), repo.sourceId(), cancelled);
    }
}
