package dev.braid.repos;

import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BranchTrackingStatus;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Syncs a git repository source: fetches from every remote, then indexes refs and new commits and
 * runs what derives from them ({@link AfterIndex}). A remote that cannot be reached does not fail
 * the sync: the local history is indexed and the run is marked stale with the reason.
 */
public final class RepoSyncer implements SourceSyncer {
    private static final Logger LOG = Logger.getLogger(RepoSyncer.class.getName());
    private final RepoTable table;
    private final GitIndexer indexer;
    private final Map<String, String> env;
    private final CredentialPrompt prompt;
    private final AfterIndex afterIndex;

    public RepoSyncer(Database db, GitIndexer indexer, Map<String, String> env, CredentialPrompt prompt) {
        this(db, indexer, env, prompt, AfterIndex.NONE);
    }

    public RepoSyncer(Database db, GitIndexer indexer, Map<String, String> env, CredentialPrompt prompt,
            AfterIndex afterIndex) {
        this.afterIndex = afterIndex;
        this.table = new RepoTable(db);
        this.indexer = indexer;
        this.env = Map.copyOf(env);
        this.prompt = prompt;
    }

    @Override
    public String kind() {
        return RepositoryService.KIND;
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws SyncFailure {
        String path = table.path(source.id()).orElse(null);
        if (path == null) {
            // A rebuilt cache carries the sources over but not their repository rows.
            path = source.config("path");
            if (path == null) {
                throw SyncFailure.permanent("the source " + source.name() + " names no repository folder", null);
            }
            table.restore(source.id(), path, source.config("url"));
        }
        Git git;
        try {
            git = GitOpener.open(Path.of(path));
        } catch (RepoException e) {
            table.updateHealth(source.id(), RepoHealth.MISSING, e.getMessage());
            throw SyncFailure.permanent(e.getMessage(), e);
        }
        try (git) {
            Repository repo = git.getRepository();
            SyncFailure fetchFailure = fetchAll(git, source, context);
            GitIndexer.Outcome indexed = indexer.indexWithTips(source.id(), repo, context);
            RepoTable.RepoState state = stateOf(repo, fetchFailure);
            table.updateState(source.id(), state);
            // What derives from the history (DVC lineage) is built from the local copy even when a
            // remote could not be reached: offline work is still work.
            runAfterIndex(source, repo, state.remoteUrl() != null ? state.remoteUrl() : path, indexed.tips(), context);
            if (fetchFailure != null) {
                if (!fetchFailure.isTransient()) {
                    throw fetchFailure;
                }
                String reason = fetchFailure.getMessage().strip();
                context.markStale(reason + (reason.endsWith(".") ? " " : ". ")
                        + "Indexed the local history; the next sync fetches again.");
            }
            return indexed.counts();
        } catch (IOException | RuntimeException e) {
            if (e instanceof java.util.concurrent.CancellationException cancel) {
                throw cancel;
            }
            if (GitFailures.isCorruption(e)) {
                String note = "The repository at " + path + " is damaged: " + e.getMessage()
                        + ". Run `git fsck` there; the cached history is kept.";
                table.updateHealth(source.id(), RepoHealth.CORRUPT, note);
                throw SyncFailure.permanent(note, e);
            }
            throw SyncFailure.permanent("Could not read the repository at " + path + ": " + e.getMessage(), e);
        }
    }

    private void runAfterIndex(Source source, Repository repo, String location, Set<String> tips, SyncContext context) {
        if (afterIndex == AfterIndex.NONE) {
            return;
        }
        try {
            context.progress(-1, "updating lineage");
            afterIndex.indexed(source, repo, location, tips, context);
        } catch (java.util.concurrent.CancellationException cancel) {
            throw cancel;
        } catch (IOException | RuntimeException e) {
            // The index is published; what derives from it keeps its previous state until the next sync.
            LOG.log(Level.WARNING, "could not update what depends on the index of " + source.name(), e);
            context.warn("Could not update the lineage derived from this repository (" + e.getMessage()
                    + "); the previous lineage is kept.");
        }
    }

    /** Fetches every remote; returns the first failure (the others are still tried) or null. */
    private SyncFailure fetchAll(Git git, Source source, SyncContext context) {
        Set<String> remotes = git.getRepository().getRemoteNames();
        if ("false".equals(source.config("fetch"))) {
            return null;
        }
        SyncFailure first = null;
        for (String remote : remotes) {
            context.checkCancelled();
            try {
                git.fetch().setRemote(remote).setRemoveDeletedRefs(true)
                        .setProgressMonitor(new ContextProgressMonitor(context, "fetching " + remote + ": "))
                        .setCredentialsProvider(new GitCredentials(source.config(), env, prompt))
                        .call();
            } catch (GitAPIException | RuntimeException e) {
                context.checkCancelled();
                if (first == null) {
                    first = GitFailures.transport(remote, e);
                }
            }
        }
        return first;
    }

    private static RepoTable.RepoState stateOf(Repository repo, SyncFailure fetchFailure) throws IOException {
        Ref head = repo.exactRef(Constants.HEAD);
        String headRef = head != null && head.isSymbolic() ? head.getTarget().getName() : null;
        String headCommit = head != null && head.getObjectId() != null ? head.getObjectId().name() : null;
        Integer ahead = null;
        Integer behind = null;
        if (headRef != null && headCommit != null) {
            BranchTrackingStatus status = BranchTrackingStatus.of(repo, Repository.shortenRefName(headRef));
            if (status != null) {
                ahead = status.getAheadCount();
                behind = status.getBehindCount();
            }
        }
        String remoteUrl = repo.getConfig().getString("remote", "origin", "url");
        RepoHealth health;
        String note = null;
        if (fetchFailure != null) {
            health = RepoHealth.UNREACHABLE;
            note = fetchFailure.getMessage();
        } else if (headCommit == null && repo.getRefDatabase().getRefs().isEmpty()) {
            health = RepoHealth.EMPTY;
        } else {
            health = RepoHealth.OK;
            if (headCommit == null) {
                note = "HEAD points at " + Repository.shortenRefName(headRef == null ? "HEAD" : headRef)
                        + ", which has no commits yet";
            }
        }
        return new RepoTable.RepoState(health, note, headRef, headCommit, ahead, behind, remoteUrl);
    }
}
