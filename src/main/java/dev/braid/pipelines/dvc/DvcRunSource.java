package dev.braid.pipelines.dvc;

import dev.braid.pipelines.JobData;
import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.ListRequest;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.RunSource;
import dev.braid.pipelines.definitions.GitTreeFiles;
import dev.braid.pipelines.definitions.PipelineReadException;
import dev.braid.pipelines.definitions.RepositoryCommits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A repository's DVC pipeline as pipeline runs: each commit reachable from {@code HEAD} that
 * changed a {@code dvc.lock} (against its first parent) is a run, whose jobs are the stages of
 * every {@code dvc.yaml} at that commit with their states as {@link DvcStatusReader} reads them:
 * up to date is {@link PipelineStatus#SUCCESS}; changed and never run are
 * {@link PipelineStatus#SKIPPED} (not re-run in that commit), with DVC's words kept as the
 * source status. A stage needs the stages writing what it depends on, as in {@code dvc dag}.
 * A commit never changes, so its sha is the run's version and a synced run is not read again.
 */
final class DvcRunSource implements RunSource {
    private static final String LOCK = "dvc.lock";
    /** The event of a run that is a DVC experiment, and the prefix of its ref ({@code exps/NAME}). */
    static final String EXPERIMENT = "experiment";
    static final String EXPERIMENT_REF = "exps/";
    private final RepositoryCommits commits;
    private final long repoId;
    private final BooleanSupplier cancelled;
    /** One reader for the whole sync (its caches span commits); details are read one at a time. */
    private final DvcStatusReader reader = new DvcStatusReader();

    DvcRunSource(RepositoryCommits commits, long repoId, BooleanSupplier cancelled) {
        this.commits = commits;
        this.repoId = repoId;
        this.cancelled = cancelled;
    }

    @Override
    public void list(ListRequest request, Consumer<RunData> each) throws PipelineException {
        try {
            commits.withRepository(repoId, (repository, walk) -> {
                ObjectId head = repository.resolve("HEAD^{commit}");
                if (head == null) {
                    return null;
                }
                String branch = repository.getFullBranch() != null && repository.getFullBranch().startsWith("refs/heads/")
                        ? repository.getBranch() : null;
                walk.markStart(walk.parseCommit(head));
                try (ObjectReader objects = repository.newObjectReader()) {
                    for (RevCommit commit; (commit = walk.next()) != null && !cancelled.getAsBoolean(); ) {
                        if (changesLock(walk, objects, commit)) {
                            each.accept(listed(commit, branch));
                        }
                    }
                }
                // DVC experiments kept as git refs are runs too, each on the commit `dvc exp run` made.
                try (RevWalk experiments = new RevWalk(repository)) {
                    for (DvcExperiment experiment : DvcExperiments.list(repository)) {
                        if (cancelled.getAsBoolean()) {
                            break;
                        }
                        each.accept(experiment(experiments.parseCommit(ObjectId.fromString(experiment.commit())), experiment));
                    }
                }
                return null;
            });
        } catch (PipelineReadException e) {
            throw PipelineException.permanent(e.getMessage(), e);
        }
    }

    /** True when a {@code dvc.lock} differs between the commit and its first parent (or the commit is the first and has one). */
    private static boolean changesLock(RevWalk walk, ObjectReader objects, RevCommit commit) throws IOException {
        try (TreeWalk tree = new TreeWalk(objects)) {
            tree.setRecursive(true);
            if (commit.getParentCount() == 0) {
                tree.addTree(new EmptyTreeIterator());
            } else {
                tree.addTree(walk.parseCommit(commit.getParent(0)).getTree());
            }
            tree.addTree(commit.getTree());
            tree.setFilter(AndTreeFilter.create(PathSuffixFilter.create(LOCK), TreeFilter.ANY_DIFF));
            while (tree.next()) {
                if (tree.getNameString().equals(LOCK)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static RunData listed(RevCommit commit, String branch) {
        RunData run = new RunData(commit.name());
        run.sha = commit.name();
        run.ref = branch;
        run.event = "commit";
        run.title = commit.getShortMessage();
        run.author = commit.getAuthorIdent().getName();
        long at = commit.getCommitTime() * 1000L;
        run.createdAt = at;
        run.startedAt = at;
        run.finishedAt = at;
        run.version = commit.name();
        return run;
    }

    /** An experiment's run: its ref's name, marked as an experiment and titled with the commit it started from. */
    private static RunData experiment(RevCommit commit, DvcExperiment experiment) {
        RunData run = listed(commit, EXPERIMENT_REF + experiment.name());
        run.event = EXPERIMENT;
        run.title = "Experiment " + experiment.name() + " from "
                + (experiment.baseline() == null ? "?" : experiment.baseline().substring(0, Math.min(8, experiment.baseline().length())));
        return run;
    }

    @Override
    public synchronized RunData details(RunData listed) throws PipelineException {
        try {
            return commits.withCommit(repoId, listed.sha == null ? listed.runId : listed.sha, (repository, commit, files) -> {
                RunData run = listed(commit, listed.ref);
                if (EXPERIMENT.equals(listed.event)) {
                    run.event = listed.event;
                    run.title = listed.title;
                }
                return run(run, files);
            });
        } catch (PipelineReadException e) {
            throw PipelineException.permanent(e.getMessage(), e);
        }
    }

    private RunData run(RunData run, GitTreeFiles files) throws IOException {
        DvcPipeline pipeline = reader.pipeline(files);
        Map<String, DvcStageStatus> states = new LinkedHashMap<>();
        for (DvcStageStatus status : reader.status(files, pipeline)) {
            states.put(status.file() + "\n" + status.stage(), status);
        }
        run.pipeline = pipeline.files().isEmpty() ? LOCK
                : String.join(", ", pipeline.files().stream().map(DvcPipelineFile.Contents::file).toList());
        int changed = 0;
        int neverRun = 0;
        for (DvcPipelineStage stage : pipeline.stages()) {
            DvcStageStatus status = states.get(stage.file() + "\n" + stage.name());
            JobData job = new JobData(jobName(stage), jobName(stage));
            job.kind = "task";
            job.stage = stage.file();
            job.createdAt = run.createdAt;
            job.startedAt = run.startedAt;
            job.finishedAt = run.finishedAt;
            DvcStageStatus.State state = status == null ? DvcStageStatus.State.NEVER_RUN : status.state();
            job.sourceStatus = state.words();
            job.status = state == DvcStageStatus.State.UP_TO_DATE ? PipelineStatus.SUCCESS : PipelineStatus.SKIPPED;
            changed += state == DvcStageStatus.State.CHANGED ? 1 : 0;
            neverRun += state == DvcStageStatus.State.NEVER_RUN ? 1 : 0;
            job.needs = producers(pipeline, stage);
            run.jobs.add(job);
        }
        if (pipeline.stages().isEmpty()) {
            run.status = PipelineStatus.SKIPPED;
            run.sourceStatus = "no dvc.yaml";
        } else if (changed + neverRun == 0) {
            run.status = PipelineStatus.SUCCESS;
            run.sourceStatus = DvcStageStatus.State.UP_TO_DATE.words();
        } else {
            run.status = PipelineStatus.SKIPPED;
            List<String> words = new ArrayList<>();
            if (changed > 0) {
                words.add(changed + " " + DvcStageStatus.State.CHANGED.words());
            }
            if (neverRun > 0) {
                words.add(neverRun + " " + DvcStageStatus.State.NEVER_RUN.words());
            }
            run.sourceStatus = String.join(", ", words);
        }
        return run.complete();
    }

    /** A stage's name as DVC addresses it: bare in the top {@code dvc.yaml}, else {@code path/dvc.yaml:stage}. */
    static String jobName(DvcPipelineStage stage) {
        return stage.file().equals(DvcPipelineFile.NAME) ? stage.name() : stage.file() + ":" + stage.name();
    }

    /** The stages writing a path {@code consumer} depends on (or a folder around it, or a file in it). */
    private static List<String> producers(DvcPipeline pipeline, DvcPipelineStage consumer) {
        List<String> out = new ArrayList<>();
        for (DvcPipelineStage producer : pipeline.stages()) {
            if (producer == consumer) {
                continue;
            }
            boolean feeds = consumer.deps().stream().anyMatch(dep -> producer.outs().stream()
                    .anyMatch(o -> DvcPath.within(dep, o.path()) || DvcPath.within(o.path(), dep)));
            if (feeds && !out.contains(jobName(producer))) {
                out.add(jobName(producer));
            }
        }
        return out;
    }

    @Override
    public Reread reread(String runId, String etag) throws PipelineException {
        RunData listed = new RunData(runId);
        listed.sha = runId;
        try {
            return Reread.of(details(listed));
        } catch (PipelineException e) {
            return Reread.gone();
        }
    }

    /** A stage's "log": its state and what changed, in {@code dvc status} words. */
    @Override
    public synchronized JobLog log(String runId, String jobId, long capBytes) throws PipelineException {
        try {
            String text = commits.withCommit(repoId, runId, (repository, commit, files) -> {
                DvcPipeline pipeline = reader.pipeline(files);
                for (DvcStageStatus status : reader.status(files, pipeline)) {
                    String name = status.file().equals(DvcPipelineFile.NAME) ? status.stage()
                            : status.file() + ":" + status.stage();
                    if (name.equals(jobId)) {
                        String changes = status.changesText();
                        return name + ": " + status.state().words() + (changes.isEmpty() ? "" : "\n" + changes) + "\n";
                    }
                }
                return null;
            });
            if (text == null) {
                throw PipelineException.notFound("no DVC stage " + jobId + " at " + runId);
            }
            return new JobLog(text, false, System.currentTimeMillis());
        } catch (PipelineReadException e) {
            throw PipelineException.notFound(e.getMessage());
        }
    }
}
