package dev.braid.pipelines.dvc;

import dev.braid.pipelines.definitions.GitTreeFiles;
import dev.braid.pipelines.definitions.PipelineReadException;
import dev.braid.pipelines.definitions.RepositoryCommits;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * DVC pipelines of indexed repositories, read from git without DVC or a checkout: the stages of
 * a commit with their states (like {@code dvc status}), two commits' params and metrics compared
 * (like {@code dvc params diff} and {@code dvc metrics diff}), and the experiments kept as git
 * refs. Synchronous; returns immutable records.
 */
public final class DvcPipelineService {
    private final RepositoryCommits commits;

    public DvcPipelineService(RepositoryCommits commits) {
        this.commits = commits;
    }

    /** A commit's pipeline and each stage's state in it. */
    public record PipelineStatus(String commit, DvcPipeline pipeline, List<DvcStageStatus> stages) {
        public PipelineStatus {
            stages = List.copyOf(stages);
        }
    }

    /**
     * The stages of every {@code dvc.yaml} at {@code rev} (null for {@code HEAD}) with their states.
     *
     * @throws PipelineReadException when the repository or commit cannot be found
     */
    public PipelineStatus status(long repoId, String rev) throws PipelineReadException {
        return commits.withCommit(repoId, rev, (repository, commit, files) -> {
            DvcStatusReader reader = new DvcStatusReader();
            DvcPipeline pipeline = reader.pipeline(files);
            return new PipelineStatus(commit.name(), pipeline, reader.status(files, pipeline));
        });
    }

    /**
     * Stage states over history: the commits reachable from {@code rev} (null for {@code HEAD}),
     * newest first, at most {@code limit}, each with its stages' states. One reader serves the
     * whole walk, so each version of each file is parsed and hashed once.
     */
    public List<PipelineStatus> history(long repoId, String rev, int limit) throws PipelineReadException {
        return commits.withRepository(repoId, (repository, walk) -> {
            walk.markStart(RepositoryCommits.resolve(repository, walk, rev));
            DvcStatusReader reader = new DvcStatusReader();
            List<PipelineStatus> out = new java.util.ArrayList<>();
            try (var objects = repository.newObjectReader()) {
                for (RevCommit commit; out.size() < limit && (commit = walk.next()) != null; ) {
                    GitTreeFiles files = new GitTreeFiles(objects, commit);
                    DvcPipeline pipeline = reader.pipeline(files);
                    out.add(new PipelineStatus(commit.name(), pipeline, reader.status(files, pipeline)));
                }
            }
            return out;
        });
    }

    /** The params of commits {@code a} and {@code b} compared, headed by the revisions as given. */
    public DvcComparison paramsDiff(long repoId, String a, String b) throws PipelineReadException {
        return compare(repoId, a, b, true);
    }

    /** The metrics of commits {@code a} and {@code b} compared, headed by the revisions as given. */
    public DvcComparison metricsDiff(long repoId, String a, String b) throws PipelineReadException {
        return compare(repoId, a, b, false);
    }

    /** The experiments kept in the repository's {@code refs/exps/}, newest first. */
    public List<DvcExperiment> experiments(long repoId) throws PipelineReadException {
        return commits.withRepository(repoId, (repository, walk) -> DvcExperiments.list(repository));
    }

    private DvcComparison compare(long repoId, String a, String b, boolean params) throws PipelineReadException {
        return commits.withRepository(repoId, (repository, walk) -> {
            RevCommit first = RepositoryCommits.resolve(repository, walk, a);
            RevCommit second = RepositoryCommits.resolve(repository, walk, b);
            try (var reader = repository.newObjectReader()) {
                GitTreeFiles before = new GitTreeFiles(reader, first);
                GitTreeFiles after = new GitTreeFiles(reader, second);
                return params ? DvcDiffReader.params(label(a), before, label(b), after)
                        : DvcDiffReader.metrics(label(a), before, label(b), after);
            }
        });
    }

    private static String label(String rev) {
        return rev == null || rev.isBlank() ? "HEAD" : rev;
    }
}
