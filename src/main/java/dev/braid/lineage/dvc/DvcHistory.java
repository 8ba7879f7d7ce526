package dev.braid.lineage.dvc;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads the DVC history of a repository: every commit reachable from the given tips that added,
 * changed or removed a DVC file (compared with its first parent). Repositories with no {@code .dvc} folder at any tip are not
 * walked at all, so indexing a large repository that does not use DVC costs one tree lookup per
 * tip.
 */
public final class DvcHistory {
    private final Repository repository;

    public DvcHistory(Repository repository) {
        this.repository = repository;
    }

    /**
     * The commits that changed DVC files, oldest first, each with what it recorded and what its
     * parents had recorded (all parents' stages for a merge).
     */
    public List<DvcCommit> read(Collection<String> tips) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            List<RevCommit> starts = new ArrayList<>();
            for (String tip : tips) {
                starts.add(walk.parseCommit(ObjectId.fromString(tip)));
            }
            if (!usesDvc(starts)) {
                return List.of();
            }
            DvcScanner scanner = new DvcScanner(repository);
            for (RevCommit start : starts) {
                walk.markStart(start);
            }
            List<RevCommit> touched = new ArrayList<>();
            for (RevCommit commit; (commit = walk.next()) != null; ) {
                if (scanner.touchesDvc(commit)) {
                    touched.add(commit);
                }
            }
            Map<ObjectId, DvcSnapshot> snapshots = new HashMap<>();
            List<DvcCommit> out = new ArrayList<>(touched.size());
            for (int i = touched.size() - 1; i >= 0; i--) {
                RevCommit commit = touched.get(i);
                DvcSnapshot recorded = snapshot(scanner, snapshots, commit);
                DvcSnapshot before = null;
                if (commit.getParentCount() == 1) {
                    before = snapshot(scanner, snapshots, walk.parseCommit(commit.getParent(0)));
                } else if (commit.getParentCount() > 1) {
                    // A merge re-ran nothing that one of its parents had already recorded.
                    List<DvcStage> stages = new ArrayList<>();
                    for (RevCommit parent : commit.getParents()) {
                        stages.addAll(snapshot(scanner, snapshots, walk.parseCommit(parent)).stages());
                    }
                    before = new DvcSnapshot("", stages, DvcRemote.NONE, List.of());
                }
                out.add(new DvcCommit(commit.name(), Instant.ofEpochSecond(commit.getCommitTime()),
                        commit.getShortMessage(), recorded, before));
            }
            return out;
        }
    }

    private static DvcSnapshot snapshot(DvcScanner scanner, Map<ObjectId, DvcSnapshot> cache, RevCommit commit)
            throws IOException {
        DvcSnapshot known = cache.get(commit);
        if (known == null) {
            known = scanner.read(commit);
            cache.put(commit.copy(), known);
        }
        return known;
    }

    private boolean usesDvc(List<RevCommit> tips) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            for (RevCommit tip : tips) {
                try (TreeWalk dvc = TreeWalk.forPath(reader, ".dvc", tip.getTree())) {
                    if (dvc != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
