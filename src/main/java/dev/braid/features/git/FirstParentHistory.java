package dev.braid.features.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The commits along a branch's first-parent line (what the branch itself saw, merges included,
 * not the commits of the branches merged into it) that changed anything under some folders.
 * Walked by hand, comparing each folder's tree with the first parent's: a revision walk with a
 * path filter rewrites history around the filter and does not keep to the first parent.
 */
public final class FirstParentHistory {
    private FirstParentHistory() {
    }

    /** Oldest first, at most {@code max} (the newest ones); {@code ""} stands for the whole repository. */
    public static List<RevCommit> touching(Repository repository, ObjectId head, Collection<String> folders, int max)
            throws IOException {
        List<RevCommit> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(head);
            while (commit != null && out.size() < max) {
                RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
                if (changed(repository, commit, parent, folders)) {
                    out.add(commit);
                }
                commit = parent;
            }
        }
        Collections.reverse(out);
        return out;
    }

    private static boolean changed(Repository repository, RevCommit commit, RevCommit parent, Collection<String> folders)
            throws IOException {
        for (String folder : folders) {
            ObjectId now = tree(repository, commit, folder);
            ObjectId before = parent == null ? null : tree(repository, parent, folder);
            if (!Objects.equals(now, before)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectId tree(Repository repository, RevCommit commit, String folder) throws IOException {
        if (folder.isEmpty()) {
            return commit.getTree().copy();
        }
        try (TreeWalk tw = TreeWalk.forPath(repository, folder, commit.getTree())) {
            return tw == null ? null : tw.getObjectId(0);
        }
    }
}
