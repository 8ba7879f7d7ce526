package dev.braid.lineage.dvc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems met reading a DVC history, each once with the first commit that recorded it: a
 * broken file is usually carried unchanged through many commits, and one line says it.
 */
final class DvcProblems {
    private DvcProblems() {
    }

    static List<String> of(List<DvcCommit> history) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (DvcCommit commit : history) {
            for (String problem : commit.recorded().problems()) {
                if (seen.add(problem)) {
                    out.add("DVC file not read: " + problem + " (first in commit "
                            + commit.sha().substring(0, Math.min(8, commit.sha().length())) + " \"" + commit.subject() + "\")");
                }
            }
        }
        return out;
    }
}
