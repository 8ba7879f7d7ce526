package dev.braid.bench;

import dev.braid.pipelines.definitions.GitTreeFiles;
import dev.braid.pipelines.dvc.DvcStageStatus;
import dev.braid.pipelines.dvc.DvcStatusReader;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * work tree (only the {@code dvc status} process is timed, not the checkout). Both wall-clock and
 * CPU time are reported: on a loaded machine the CPU time (this thread's, and the dvc process
 * tree's user + system time from the shell's {@code times}) is the steadier figure.
 *
 * <pre>java dev.braid.bench.DvcStatusBenchmark REPO DVC_BINARY SAMPLE</pre>
 */
public final class DvcStatusBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

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
            double firstCpu = 0;
            double secondCpu = 0;
            for (int pass = 1; pass <= 2; pass++) {
                Map<DvcStageStatus.State, Integer> states = new EnumMap<>(DvcStageStatus.State.class);
                long start = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                DvcStatusReader reader = new DvcStatusReader();
                try (ObjectReader objects = repository.newObjectReader()) {
                    for (RevCommit commit : commits) {
                        for (DvcStageStatus status : reader.status(new GitTreeFiles(objects, commit))) {
                            states.merge(status.state(), 1, Integer::sum);
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                if (pass == 1) {
                    first = seconds;
                    firstCpu = cpu;
                } else {
                    second = seconds;
                    secondCpu = cpu;
                }
                if (states.getOrDefault(DvcStageStatus.State.UP_TO_DATE, 0) == 0
                        || states.getOrDefault(DvcStageStatus.State.CHANGED, 0) == 0) {
                    throw new IllegalStateException("the generated history should have stages up to date and changed: " + states);
                }
                System.out.printf("braid pass %d (%s JVM): %.2f s wall, %.2f s CPU for %,d commits (%.3f ms CPU per commit);"
                        + " stage states %s%n", pass, pass == 1 ? "fresh" : "warm", seconds, cpu, commits.size(),
                        cpu * 1000 / commits.size(), states);
            }
            // One commit alone, nothing cached: what a user waits for when opening one commit.
            List<RevCommit> picked = new ArrayList<>();
            for (int i = 0; i < sample; i++) {
                picked.add(commits.get((int) ((long) i * (commits.size() - 1) / Math.max(1, sample - 1))));
            }
            long single = 0;
            long singleCpu = 0;
            try (ObjectReader objects = repository.newObjectReader()) {
                for (RevCommit commit : picked) {
                    long start = System.nanoTime();
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    new DvcStatusReader().status(new GitTreeFiles(objects, commit));
                    single += System.nanoTime() - start;
                    singleCpu += THREADS.getCurrentThreadCpuTime() - cpuStart;
                }
            }
            double braidSingleMs = single / 1e6 / picked.size();
            double braidSingleCpuMs = singleCpu / 1e6 / picked.size();
            System.out.printf("braid, one commit with nothing cached: %.2f ms wall, %.2f ms CPU (mean of the %d sampled commits)%n",
                    braidSingleMs, braidSingleCpuMs, picked.size());
            File work = repository.getWorkTree();
            long dvcNanos = 0;
            double dvcCpuSeconds = 0;
            for (RevCommit commit : picked) {
                run(work, "git", "checkout", "-q", "-f", commit.name());
                long start = System.nanoTime();
                // The shell's `times` prints the CPU time of its children: the dvc process tree.
                String out = run(work, "sh", "-c", "\"$0\" status --json; status=$?; echo; times; exit $status", dvc);
                dvcNanos += System.nanoTime() - start;
                if (!out.strip().startsWith("{")) {
                    throw new IllegalStateException("dvc status --json printed: " + out);
                }
                Matcher times = TIMES.matcher(out.substring(out.lastIndexOf('}') + 1));
                times.find(); // the shell's own times
                if (!times.find()) {
                    throw new IllegalStateException("no CPU times in: " + out);
                }
                dvcCpuSeconds += Integer.parseInt(times.group(1)) * 60 + Double.parseDouble(times.group(2))
                        + Integer.parseInt(times.group(3)) * 60 + Double.parseDouble(times.group(4));
            }
            run(work, "git", "checkout", "-q", "-f", "main");
            double dvcMs = dvcNanos / 1e6 / picked.size();
            double dvcCpuMs = dvcCpuSeconds * 1000 / picked.size();
            System.out.printf("dvc status --json: %.0f ms wall, %.0f ms CPU per commit (mean of %d commits)%n", dvcMs, dvcCpuMs,
                    picked.size());
            double extrapolated = dvcMs * commits.size() / 1000;
            double extrapolatedCpu = dvcCpuMs * commits.size() / 1000;
            System.out.printf("dvc status for all %,d commits (extrapolated, checkouts not counted): %.0f s wall, %.0f s CPU%n",
                    commits.size(), extrapolated, extrapolatedCpu);
            System.out.printf("ratio, history, wall: dvc status / braid = %.0fx (fresh JVM), %.0fx (warm)%n",
                    extrapolated / first, extrapolated / second);
            System.out.printf("ratio, history, CPU: dvc status / braid = %.0fx (fresh JVM), %.0fx (warm)%n",
                    extrapolatedCpu / firstCpu, extrapolatedCpu / secondCpu);
            System.out.printf("ratio, one commit: dvc status / braid = %.0fx wall, %.0fx CPU%n", dvcMs / braidSingleMs,
                    dvcCpuMs / braidSingleCpuMs);
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
