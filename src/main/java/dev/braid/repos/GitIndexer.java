package dev.braid.repos;

import dev.braid.store.Database;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Brings a repository's refs and reachable commits into the cache. Only commits not cached yet are
 * walked (the refs cached by the last sync mark the known frontier). New commits are written
 * parents-first in batches, each its own transaction, and stay invisible until the last step
 * publishes them together with the new refs: a crash or failure at any point leaves what people
 * see as it was, and the next sync resumes from the batches already written.
 */
public final class GitIndexer {
    static final int BATCH = 4_000;
    private final Database db;
    private final CommitStore commits;

    public GitIndexer(Database db, CommitStore commits) {
        this.db = db;
        this.commits = commits;
    }

    public SyncCounts index(long repoId, Repository repo, SyncContext context) throws IOException {
        context.progress(-1, "reading refs");
        List<GitRef> newRefs = GitRefs.read(repo);
        List<GitRef> oldRefs = db.read(c -> commits.refs(c, repoId));
        boolean hadLeftovers = db.read(c -> commits.hasUnpublished(c, repoId));
        Set<String> newTips = tips(newRefs);
        Set<String> oldTips = tips(oldRefs);

        long added = 0;
        boolean rewritten = hadLeftovers;
        try (KeyedWalk walk = new KeyedWalk(repo)) {
            for (String tip : newTips) {
                walk.markStart(walk.parseCommit(ObjectId.fromString(tip)));
            }
            for (String tip : oldTips) {
                RevCommit old = parseIfPresent(walk, tip);
                if (old == null) {
                    rewritten = true;
                } else {
                    walk.markUninteresting(old);
                }
            }
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.REVERSE, true);
            context.checkCancelled();
            context.progress(-1, "walking history");
            added = writeNewCommits(repoId, walk, context);
        }
        if (!rewritten) {
            rewritten = !allReachable(repo, oldTips, newTips);
        }
        long removed = rewritten ? removeUnreachable(repoId, repo, newTips, context) : 0;
        long changedRefs = changedRefs(oldRefs, newRefs);
        db.write(c -> {
            commits.publish(c, repoId, newRefs);
            return null;
        });
        context.progress(1, "indexed " + added + " new commits");
        return new SyncCounts(added, changedRefs, removed);
    }

    private long writeNewCommits(long repoId, KeyedWalk walk, SyncContext context) throws IOException {
        List<KeyedCommit> pending = new ArrayList<>();
        for (RevCommit next; (next = walk.next()) != null; ) {
            pending.add((KeyedCommit) next);
        }
        int total = pending.size();
        long added = 0;
        List<IndexedCommit> batch = new ArrayList<>(Math.min(BATCH, total));
        for (int i = 0; i < total; i++) {
            KeyedCommit commit = pending.get(i);
            commit.sortKey = sortKey(repoId, commit);
            batch.add(toIndexed(commit));
            commit.disposeBody();
            pending.set(i, null);
            if (batch.size() == BATCH || i == total - 1) {
                context.checkCancelled();
                List<IndexedCommit> toWrite = batch;
                added += db.write(c -> commits.insert(c, repoId, toWrite));
                batch = new ArrayList<>(BATCH);
                context.progress((i + 1) / (double) total, "indexed " + (i + 1) + " of " + total + " commits");
            }
        }
        return added;
    }

    /** Corrected commit time: never below any parent's key + 1, so sorting by it is topological. */
    private long sortKey(long repoId, KeyedCommit commit) {
        long key = commit.getCommitTime();
        List<String> boundary = null;
        for (RevCommit parent : commit.getParents()) {
            KeyedCommit p = (KeyedCommit) parent;
            if (p.sortKey != Long.MIN_VALUE) {
                key = Math.max(key, p.sortKey + 1);
            } else {
                if (boundary == null) {
                    boundary = new ArrayList<>();
                }
                boundary.add(p.name());
            }
        }
        if (boundary != null) {
            List<String> lookups = boundary;
            Map<String, Long> cached = db.read(c -> commits.sortKeys(c, repoId, lookups));
            for (RevCommit parent : commit.getParents()) {
                Long k = cached.get(parent.name());
                if (k != null) {
                    ((KeyedCommit) parent).sortKey = k;
                    key = Math.max(key, k + 1);
                }
            }
        }
        return key;
    }

    private static IndexedCommit toIndexed(RevCommit commit) {
        StringBuilder parents = new StringBuilder();
        for (RevCommit parent : commit.getParents()) {
            if (parents.length() > 0) {
                parents.append(' ');
            }
            parents.append(parent.name());
        }
        PersonIdent author = commit.getAuthorIdent();
        PersonIdent committer = commit.getCommitterIdent();
        return new IndexedCommit(commit.name(), parents.toString(),
                Objects.toString(author.getName(), ""), Objects.toString(author.getEmailAddress(), ""),
                author.getWhenAsInstant().getEpochSecond(), author.getZoneOffset().getTotalSeconds() / 60,
                Objects.toString(committer.getName(), ""), Objects.toString(committer.getEmailAddress(), ""),
                committer.getWhenAsInstant().getEpochSecond(), committer.getZoneOffset().getTotalSeconds() / 60,
                commit.getShortMessage(), commit.getFullMessage(), ((KeyedCommit) commit).sortKey);
    }

    /** True when every old tip is an ancestor of (or equal to) some new tip. */
    private static boolean allReachable(Repository repo, Set<String> oldTips, Set<String> newTips) throws IOException {
        if (newTips.containsAll(oldTips)) {
            return true;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRetainBody(false);
            for (String old : oldTips) {
                if (newTips.contains(old)) {
                    continue;
                }
                RevCommit oldCommit = walk.parseCommit(ObjectId.fromString(old));
                boolean reached = false;
                for (String tip : newTips) {
                    if (walk.isMergedInto(oldCommit, walk.parseCommit(ObjectId.fromString(tip)))) {
                        reached = true;
                        break;
                    }
                }
                if (!reached) {
                    return false;
                }
            }
        }
        return true;
    }

    private long removeUnreachable(long repoId, Repository repo, Set<String> newTips, SyncContext context)
            throws IOException {
        context.progress(-1, "removing commits no ref reaches any more");
        Set<String> reachable = new HashSet<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRetainBody(false);
            for (String tip : newTips) {
                walk.markStart(walk.parseCommit(ObjectId.fromString(tip)));
            }
            for (RevCommit commit; (commit = walk.next()) != null; ) {
                reachable.add(commit.name());
            }
        }
        List<String> gone = db.read(c -> commits.allHashes(c, repoId)).stream()
                .filter(hash -> !reachable.contains(hash)).toList();
        if (gone.isEmpty()) {
            return 0;
        }
        return db.write(c -> commits.delete(c, repoId, gone));
    }

    private static long changedRefs(List<GitRef> oldRefs, List<GitRef> newRefs) {
        Set<GitRef> before = new HashSet<>(oldRefs);
        Set<GitRef> after = new HashSet<>(newRefs);
        long changed = newRefs.stream().filter(r -> !before.contains(r)).count();
        changed += oldRefs.stream().filter(r -> !after.contains(r)
                && newRefs.stream().noneMatch(n -> n.name().equals(r.name()))).count();
        return changed;
    }

    private static Set<String> tips(List<GitRef> refs) {
        Set<String> out = new HashSet<>();
        for (GitRef ref : refs) {
            if (ref.target() != null) {
                out.add(ref.target());
            }
        }
        return out;
    }

    private static RevCommit parseIfPresent(RevWalk walk, String hash) throws IOException {
        try {
            return walk.parseCommit(ObjectId.fromString(hash));
        } catch (MissingObjectException e) {
            return null;
        }
    }

    /** A commit that carries its corrected commit time while the walk is open. */
    static final class KeyedCommit extends RevCommit {
        long sortKey = Long.MIN_VALUE;

        KeyedCommit(AnyObjectId id) {
            super(id);
        }
    }

    private static final class KeyedWalk extends RevWalk {
        KeyedWalk(Repository repo) {
            super(repo);
            setRetainBody(true);
        }

        @Override
        protected RevCommit createCommit(AnyObjectId id) {
            return new KeyedCommit(id);
        }
    }
}
