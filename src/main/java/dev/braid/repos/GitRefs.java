package dev.braid.repos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

/** Reads a repository's refs as {@link GitRef} records, each peeled to the commit it names. */
final class GitRefs {
    private GitRefs() {
    }

    /** HEAD (symbolic, detached or unborn) and every branch, remote branch and tag. */
    static List<GitRef> read(Repository repo) throws IOException {
        List<GitRef> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head != null) {
                String symbolic = head.isSymbolic() ? head.getTarget().getName() : null;
                ObjectId id = head.getObjectId();
                out.add(new GitRef(Constants.HEAD, RefKind.HEAD, id == null ? null : commitOf(walk, id), null, symbolic));
            }
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                if (ref.getName().equals(Constants.HEAD) || ref.getObjectId() == null) {
                    continue;
                }
                RefKind kind = kindOf(ref.getName());
                String symbolic = ref.isSymbolic() ? ref.getTarget().getName() : null;
                RevObject object = walk.parseAny(ref.getObjectId());
                String tagObject = object instanceof RevTag ? object.name() : null;
                out.add(new GitRef(ref.getName(), kind, commitOf(walk, object), tagObject, symbolic));
            }
        }
        return out;
    }

    static RefKind kindOf(String name) {
        if (name.startsWith(Constants.R_HEADS)) {
            return RefKind.BRANCH;
        }
        if (name.startsWith(Constants.R_REMOTES)) {
            return RefKind.REMOTE_BRANCH;
        }
        if (name.startsWith(Constants.R_TAGS)) {
            return RefKind.TAG;
        }
        return RefKind.OTHER;
    }

    private static String commitOf(RevWalk walk, ObjectId id) throws IOException {
        return commitOf(walk, walk.parseAny(id));
    }

    /** The commit an object finally names after peeling tags, or null for a tag of a tree or blob. */
    private static String commitOf(RevWalk walk, RevObject object) throws IOException {
        RevObject peeled = walk.peel(object);
        return peeled.getType() == Constants.OBJ_COMMIT ? peeled.name() : null;
    }
}
