package dev.braid.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** The commits of the written demo repository, oldest first, for the demo's MLflow runs to name. */
final class DemoCommits {
    private DemoCommits() {
    }

    static List<DemoMlflowStore.Commit> of(Path workTree) throws IOException {
        List<DemoMlflowStore.Commit> out = new ArrayList<>();
        try (Git git = Git.open(workTree.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
                if (ref.getObjectId() != null) {
                    walk.markStart(walk.parseCommit(ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId()));
                }
            }
            for (RevCommit commit : walk) {
                String name = commit.getAuthorIdent().getName().strip();
                String user = name.isEmpty() ? "demo" : name.split("\\s+")[0].toLowerCase(Locale.ROOT).replaceAll("[^\\w.-]", "");
                out.add(new DemoMlflowStore.Commit(commit.getName(), commit.getCommitTime() * 1000L, user));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("the demo repository in " + workTree + " has no commits");
        }
        out.sort(Comparator.comparingLong(DemoMlflowStore.Commit::timeMillis).thenComparing(DemoMlflowStore.Commit::id));
        return out;
    }
}
