package dev.braid.pipelines.definitions;

import java.util.List;

/**
 * Pipeline definitions of indexed repositories at any commit, read from git without a server or
 * a checkout: CI files (GitLab CI, GitHub Actions, CircleCI, Jenkins), Kubeflow pipeline specs and
 * whatever further readers it is given (DVC's {@code dvc.yaml}). Synchronous and thread-agnostic;
 * returns immutable records. This is the API the Pipelines view lays run statuses over.
 */
public final class PipelineDefinitionService {
    private final RepositoryCommits commits;
    private final PipelineDefinitions definitions;

    public PipelineDefinitionService(RepositoryCommits commits, List<DefinitionReader> extraReaders) {
        this.commits = commits;
        this.definitions = new PipelineDefinitions(DefinitionReaders.standard(extraReaders));
    }

    /**
     * The definition files in the commit {@code rev} (a hash, prefix, branch, tag or {@code HEAD~2};
     * null means {@code HEAD}) of repository {@code repoId}, in path order.
     *
     * @throws PipelineReadException when the repository, its folder or the commit cannot be found
     */
    public List<DefinitionFile> files(long repoId, String rev) throws PipelineReadException {
        return commits.withCommit(repoId, rev, (repository, commit, files) -> definitions.find(files));
    }

    /**
     * The DAG of the definition {@code file} at commit {@code rev}: what could not be read is in
     * its notes.
     *
     * @throws PipelineReadException when the repository or commit cannot be found, or the commit
     *     has no such definition file
     */
    public DefinitionDag dag(long repoId, String rev, String file) throws PipelineReadException {
        return commits.withCommit(repoId, rev, (repository, commit, files) -> definitions.read(files, file)
                .orElseThrow(() -> new PipelineReadException("Commit " + commit.abbreviate(10).name() + " has no pipeline"
                        + " definition " + file + " (see the list of definition files)")));
    }

    /** Every definition's DAG at commit {@code rev}, in path order. */
    public List<DefinitionDag> dags(long repoId, String rev) throws PipelineReadException {
        return commits.withCommit(repoId, rev, (repository, commit, files) -> definitions.readAll(files));
    }
}
