package dev.braid.pipelines.dvc;

import dev.braid.pipelines.definitions.GitTreeFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * DVC experiments as {@code dvc exp run} keeps them: one git ref per experiment,
 * {@code refs/exps/<first two hex digits of the baseline>/<rest of the baseline>/<name>},
 * pointing at a commit whose first parent is the baseline. DVC's own working refs
 * ({@code refs/exps/exec/}, {@code refs/exps/celery/}, stashes) are not experiments and are skipped.
 */
public final class DvcExperiments {
    static final String PREFIX = "refs/exps/";

    private DvcExperiments() {
    }

    /** Every experiment of the repository, newest first. */
    public static List<DvcExperiment> list(Repository repository) throws IOException {
        List<DvcExperiment> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(PREFIX)) {
                String[] parts = ref.getName().substring(PREFIX.length()).split("/");
                if (parts.length != 3 || !parts[0].matches("[0-9a-f]{2}") || !parts[1].matches("[0-9a-f]{38}")) {
                    continue;
                }
                RevCommit commit = walk.parseCommit(ref.getObjectId());
                List<String> notes = new ArrayList<>();
                GitTreeFiles files = new GitTreeFiles(reader, commit);
                out.add(new DvcExperiment(parts[2], ref.getName(), commit.name(), parts[0] + parts[1],
                        Instant.ofEpochSecond(commit.getCommitTime()), DvcDiffReader.params(files, notes),
                        DvcDiffReader.metrics(files, notes), notes));
            }
        }
        out.sort(Comparator.comparing(DvcExperiment::created).reversed().thenComparing(DvcExperiment::name));
        return out;
    }
}
