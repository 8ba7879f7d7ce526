package dev.braid.repos;

import dev.braid.store.Database;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Brings a repository's refs and reachable commits into the cache. Only commits not cached yet are
 * walked (the refs cached by the last sync mark the known frontier). New commits are written in
 * batches, each its own transaction, and stay invisible until the last step publishes them
 * together with the new refs: a crash or failure at any point leaves what people see as it was,
 * and the next sync resumes from the batches already written.
 */
public final class GitIndexer {
    /**
     * Commits per batch (one transaction each). Each transaction of the first index costs SQLite a
     * commit and rewrites the pages of the hash index its random keys touched, so fewer, larger
     * batches cost less: 16,000 rather than 4,000 took a 100,000-commit first index from 3.7 to 3.2 s
     * of CPU (ADR 33). {@link #BATCH_BYTES} bounds the memory the bodies of the
     * batches in flight hold when messages are long.
     */
    static final int BATCH = 16_000;
    /** Commit bodies per batch, at most: with two batches waiting, about 24 MB held. */
    static final int BATCH_BYTES = 8 << 20;
    private final Database db;
    private final CommitStore commits;

    public GitIndexer(Database db, CommitStore commits) {
        this.db = db;
        this.commits = commits;
    }

    /** What one indexing pass did, and the tips it indexed. */
    record Outcome(SyncCounts counts, Set<String> tips) {
    }

    public SyncCounts index(long repoId, Repository repo, SyncContext context) throws IOException {
        return indexWithTips(repoId, repo, context).counts();
    }

    Outcome indexWithTips(long repoId, Repository repo, SyncContext context) throws IOException {
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
            context.checkCancelled();
            context.progress(-1, "walking history");
            Set<String> boundary = new HashSet<>();
            added = writeNewCommits(repoId, walk, context, boundary);
            if (!rewritten) {
                Set<String> unexplained = new HashSet<>(oldTips);
                unexplained.removeAll(newTips);
                unexplained.removeAll(boundary);
                rewritten = !allReachable(repo, unexplained, newTips);
            }
        }
        List<String> gone = rewritten ? unreachable(repoId, repo, newTips, context) : List.of();
        long changedRefs = changedRefs(oldRefs, newRefs);
        // The commits no ref reaches go in the same transaction that publishes the new ones: a
        // reader (or a sync killed in between) never sees the history with the old commits gone
        // and the new ones not yet there.
        long removed = db.write(c -> {
            int deleted = gone.isEmpty() ? 0 : commits.delete(c, repoId, gone);
            commits.publish(c, repoId, newRefs);
            return deleted;
        });
        context.progress(1, "indexed " + added + " new commits");
        return new Outcome(new SyncCounts(added, changedRefs, removed), newTips);
    }

    /**
     * Streams the walk into the cache: batches are written on a second thread while the walk goes
     * on, each with provisional sort keys (the commit time); once the walk is done the corrected
     * keys are computed in memory and only the rows whose key differs are updated.
     */
    private long writeNewCommits(long repoId, KeyedWalk walk, SyncContext context, Set<String> boundary)
            throws IOException {
        List<KeyedCommit> walked = new ArrayList<>();
        try (BatchWriter writer = new BatchWriter(db, commits, repoId)) {
            List<IndexedCommit> batch = new ArrayList<>();
            long bytes = 0;
            for (RevCommit next; (next = walk.next()) != null; ) {
                KeyedCommit commit = (KeyedCommit) next;
                commit.walked = true;
                walked.add(commit);
                bytes += commit.getRawBuffer().length;
                // The row is made here and the body freed at once: the writer thread's SQLite work
                // is the longer of the two, so it gets nothing else to do.
                batch.add(toIndexed(commit, commit.getCommitTime()));
                commit.disposeBody();
                if (batch.size() == BATCH || bytes >= BATCH_BYTES) {
                    context.checkCancelled();
                    writer.submit(batch);
                    batch = new ArrayList<>();
                    bytes = 0;
                    context.progress(-1, "indexed " + walked.size() + " commits");
                }
            }
            context.checkCancelled();
            writer.submit(batch);
            long added = writer.finish();
            context.progress(-1, "ordering " + walked.size() + " commits");
            Map<String, Long> corrected = correctedKeys(repoId, walked, boundary);
            if (!corrected.isEmpty()) {
                db.write(c -> commits.updateSortKeys(c, repoId, corrected));
            }
            return added;
        }
    }

    /**
     * Corrected commit times: never below any parent's key + 1, so that sorting by them is
     * topological. Returns only the keys that differ from the commit time written provisionally,
     * and adds to {@code boundary} the already cached parents of the walked commits.
     */
    private Map<String, Long> correctedKeys(long repoId, List<KeyedCommit> walked, Set<String> boundary) {
        for (KeyedCommit commit : walked) {
            for (RevCommit parent : commit.getParents()) {
                if (!((KeyedCommit) parent).walked) {
                    boundary.add(parent.name());
                }
            }
        }
        Map<String, Long> cachedKeys = boundary.isEmpty() ? Map.of() : db.read(c -> commits.sortKeys(c, repoId, boundary));
        Map<String, Long> changed = new HashMap<>();
        ArrayDeque<KeyedCommit> stack = new ArrayDeque<>();
        for (int i = walked.size() - 1; i >= 0; i--) {
            if (walked.get(i).sortKey == Long.MIN_VALUE) {
                stack.push(walked.get(i));
            }
            while (!stack.isEmpty()) {
                KeyedCommit top = stack.peek();
                if (top.sortKey != Long.MIN_VALUE) {
                    stack.pop();
                    continue;
                }
                boolean ready = true;
                long key = top.getCommitTime();
                for (RevCommit p : top.getParents()) {
                    KeyedCommit parent = (KeyedCommit) p;
                    if (parent.walked && parent.sortKey == Long.MIN_VALUE) {
                        stack.push(parent);
                        ready = false;
                    } else {
                        Long parentKey = parent.walked ? Long.valueOf(parent.sortKey) : cachedKeys.get(parent.name());
                        if (parentKey != null) {
                            key = Math.max(key, parentKey + 1);
                        }
                    }
                }
                if (ready) {
                    stack.pop();
                    top.sortKey = key;
                    if (key != top.getCommitTime()) {
                        changed.put(top.name(), key);
                    }
                }
            }
        }
        return changed;
    }

    static IndexedCommit toIndexed(RevCommit commit, long sortKey) {
        StringBuilder parents = new StringBuilder();
        for (RevCommit parent : commit.getParents()) {
            if (parents.length() > 0) {
                parents.append(' ');
            }
            parents.append(parent.name());
        }
        String message = commit.getFullMessage();
        PersonIdent author = commit.getAuthorIdent();
        PersonIdent committer = commit.getCommitterIdent();
        return new IndexedCommit(commit.name(), parents.toString(),
                Objects.toString(author.getName(), ""), Objects.toString(author.getEmailAddress(), ""),
                author.getWhenAsInstant().getEpochSecond(), author.getZoneOffset().getTotalSeconds() / 60,
                Objects.toString(committer.getName(), ""), Objects.toString(committer.getEmailAddress(), ""),
                committer.getWhenAsInstant().getEpochSecond(), committer.getZoneOffset().getTotalSeconds() / 60,
                subjectOf(message), message, sortKey);
    }

    /**
     * True when every commit in {@code oldTips} is still reachable from some new tip. The caller
     * has already removed the old tips it knows to be reachable (still tips, or parents of the new
     * commits), so this walk is only needed for branches that were deleted or rewritten. It walks
     * newest first and stops once it is older than every commit it still looks for, allowing a day
     * of clock skew.
     */
    private static boolean allReachable(Repository repo, Set<String> oldTips, Set<String> newTips) throws IOException {
        if (oldTips.isEmpty()) {
            return true;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRetainBody(false);
            Set<RevCommit> remaining = new HashSet<>();
            long oldest = Long.MAX_VALUE;
            for (String old : oldTips) {
                RevCommit commit = walk.parseCommit(ObjectId.fromString(old));
                remaining.add(commit);
                oldest = Math.min(oldest, commit.getCommitTime());
            }
            for (String tip : newTips) {
                walk.markStart(walk.parseCommit(ObjectId.fromString(tip)));
            }
            long cutoff = oldest - 86_400;
            for (RevCommit commit; (commit = walk.next()) != null; ) {
                if (remaining.remove(commit) && remaining.isEmpty()) {
                    return true;
                }
                if (commit.getCommitTime() < cutoff) {
                    break;
                }
            }
            return remaining.isEmpty();
        }
    }

    /** The cached commits, published or not, that none of {@code newTips} reaches. */
    private List<String> unreachable(long repoId, Repository repo, Set<String> newTips, SyncContext context)
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
        return db.read(c -> commits.allHashes(c, repoId)).stream().filter(hash -> !reachable.contains(hash)).toList();
    }

    private static long changedRefs(List<GitRef> oldRefs, List<GitRef> newRefs) {
        Set<GitRef> before = new HashSet<>(oldRefs);
        Set<GitRef> after = new HashSet<>(newRefs);
        long changed = newRefs.stream().filter(r -> !before.contains(r)).count();
        changed += oldRefs.stream().filter(r -> !after.contains(r)
                && newRefs.stream().noneMatch(n -> n.name().equals(r.name()))).count();
        return changed;
    }

    /** The first paragraph of a message on one line, as {@code git log --format=%s} shows it. */
    static String subjectOf(String message) {
        int end = message.indexOf("\n\n");
        String paragraph = (end < 0 ? message : message.substring(0, end)).strip();
        return paragraph.indexOf('\n') < 0 ? paragraph : paragraph.replaceAll("\\s*\n\\s*", " ");
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
        boolean walked;

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
