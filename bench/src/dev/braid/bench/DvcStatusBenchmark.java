package dev.braid.bench;

import dev.braid.pipelines.definitions.GitTreeFiles;
import dev.braid.pipelines.dvc.DvcPipeline;
import dev.braid.pipelines.dvc.DvcStageStatus;
import dev.braid.pipelines.dvc.DvcStatusReader;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * DVC stage states across a whole history (issue 11 §7): Braid reads every commit's
 * {@code dvc.yaml}, {@code params.yaml} and {@code dvc.lock} from git and hashes the files the
 * stages depend on (one {@link DvcStatusReader} for the walk, so unchanged blobs are hashed once),
 * against the real {@code dvc status --json} run on a sample of the same commits checked out in a
 * work tree (only the {@code dvc status} process is timed, not the checkout).
 *
 * <pre>java dev.braid.bench.DvcStatusBenchmark REPO DVC_BINARY SAMPLE</pre>
 */
public final class DvcStatusBenchmark {
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        String dvc = args[1];
        int sample = Integer.parseInt(args[2]);
        try (Git git = Git.open(repo.toFile())) {
            Repository repository = git.getRepository();
            List<RevCommit> commits = new ArrayList<>();
            try (RevWalk walk = new RevWalk(repository)) {
                walk.markStart(walk.parseCommit(repository.resolve("refs/heads/main")));
                for (RevCommit c; (c = walk.next()) != null; ) {
                    commits.add(c);
                }
            }
            System.out.printf("commits: %,d%n", commits.size());
            double first = 0;
            double second = 0;
            for (int pass = 1; pass <= 2; pass++) {
                Map<DvcStageStatus.State, Integer> states = new EnumMap<>(DvcStageStatus.State.class);
                long start = System.nanoTime();
                DvcStatusReader reader = new DvcStatusReader();
                try (ObjectReader objects = repository.newObjectReader()) {
                    for (RevCommit commit : commits) {
                        GitTreeFiles files = new GitTreeFiles(objects, commit);
                        for (DvcStageStatus status : reader.status(files, DvcPipeline.read(files))) {
                            states.merge(status.state(), 1, Integer::sum);
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (pass == 1) {
                    first = seconds;
                } else {
                    second = seconds;
                }
                System.out.printf("braid pass %d (%s JVM): %.2f s for %,d commits, %.3f ms per commit; stage states %s%n",
                        pass, pass == 1 ? "fresh" : "warm", seconds, commits.size(), seconds * 1000 / commits.size(), states);
            }
            // One commit alone, nothing cached: what a user waits for when opening one commit.
            List<RevCommit> picked = new ArrayList<>();
            for (int i = 0; i < sample; i++) {
                picked.add(commits.get((int) ((long) i * (commits.size() - 1) / Math.max(1, sample - 1))));
            }
            long single = 0;
            try (ObjectReader objects = repository.newObjectReader()) {
                for (RevCommit commit : picked) {
                    long start = System.nanoTime();
                    GitTreeFiles files = new GitTreeFiles(objects, commit);
                    new DvcStatusReader().status(files, DvcPipeline.read(files));
                    single += System.nanoTime() - start;
                }
            }
            double braidSingleMs = single / 1e6 / picked.size();
            System.out.printf("braid, one commit with nothing cached: %.2f ms (mean of the %d sampled commits)%n",
                    braidSingleMs, picked.size());
            File work = repository.getWorkTree();
            long dvcNanos = 0;
            for (RevCommit commit : picked) {
                run(work, "git", "checkout", "-q", "-f", commit.name());
                long start = System.nanoTime();
                String out = run(work, dvc, "status", "--json");
                dvcNanos += System.nanoTime() - start;
                if (!out.strip().startsWith("{")) {
                    throw new IllegalStateException("dvc status --json printed: " + out);
                }
            }
            run(work, "git", "checkout", "-q", "-f", "main");
            double dvcMs = dvcNanos / 1e6 / picked.size();
            System.out.printf("dvc status --json: %.0f ms per commit (mean of %d commits)%n", dvcMs, picked.size());
            double extrapolated = dvcMs * commits.size() / 1000;
            System.out.printf("dvc status for all %,d commits (extrapolated, checkouts not counted): %.0f s%n",
                    commits.size(), extrapolated);
            System.out.printf("ratio, history: dvc status / braid = %.0fx (fresh JVM), %.0fx (warm)%n",
                    extrapolated / first, extrapolated / second);
            System.out.printf("ratio, one commit: dvc status / braid = %.0fx%n", dvcMs / braidSingleMs);
        }
    }

    private static String run(File dir, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir).redirectErrorStream(true);
        builder.environment().put("DVC_NO_ANALYTICS", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
