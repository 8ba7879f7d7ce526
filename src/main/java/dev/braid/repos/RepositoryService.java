package dev.braid.repos;

import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SyncContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;

/**
 * Git repositories as Braid sees them: adding them (by path or by cloning a URL), and reading
 * their cached refs and history. Changed files and diffs are computed on demand from the
 * repository on disk. Syncing is done by {@link RepoSyncer} through the sync engine.
 */
public final class RepositoryService {
    /** The {@link Source#kind()} of git repositories. */
    public static final String KIND = "git";
    private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.-]+@[\\w.-]+:.+");
    private final Database db;
    private final SourceStore sources;
    private final CommitStore commits;
    private final RepoTable table;
    private final HistoryIndex historyIndex;
    private final Path clonesDir;
    private final Map<String, String> env;
    private final CredentialPrompt prompt;
    private final Runnable beforeGit;

    public RepositoryService(Database db, SourceStore sources, CommitStore commits, Path clonesDir,
                             Map<String, String> env, CredentialPrompt prompt) {
        this(db, sources, commits, clonesDir, env, prompt, () -> { });
    }

    /**
     * Like the constructor above, with {@code beforeGit} run before the first repository is opened
     * or cloned: the process-wide JGit set-up, which reading the cache never needs.
     */
    public RepositoryService(Database db, SourceStore sources, CommitStore commits, Path clonesDir,
                             Map<String, String> env, CredentialPrompt prompt, Runnable beforeGit) {
        this.db = db;
        this.beforeGit = beforeGit;
        this.sources = sources;
        this.commits = commits;
        this.table = new RepoTable(db);
        this.historyIndex = new HistoryIndex(commits);
        this.clonesDir = clonesDir;
        this.env = Map.copyOf(env);
        this.prompt = prompt;
    }

    /**
     * Adds a repository: an existing local folder, or a URL (https, ssh, file, {@code user@host:path})
     * cloned into Braid's data folder with progress and cancel through {@code progress}. The new
     * source still has to be synced. Nothing is added when this fails.
     *
     * @param name the source name, or null to derive one from the folder or URL
     */
    public Source add(String pathOrUrl, String name, SyncContext progress) throws RepoException {
        return add(pathOrUrl, name, Map.of(), progress);
    }

    /**
     * Like {@link #add(String, String, SyncContext)}, with the names of environment variables that
     * hold the remote's credentials ({@code usernameEnv}, {@code passwordEnv}); only the names are
     * stored, never the values.
     */
    public Source add(String pathOrUrl, String name, Map<String, String> credentialVariables, SyncContext progress)
            throws RepoException {
        String target = pathOrUrl == null ? "" : pathOrUrl.strip();
        if (target.isEmpty()) {
            throw new RepoException("Give a repository folder or a URL to clone");
        }
        Map<String, String> variables = new HashMap<>();
        credentialVariables.forEach((key, value) -> {
            if ((key.equals("usernameEnv") || key.equals("passwordEnv")) && value != null && !value.isBlank()) {
                variables.put(key, value.strip());
            }
        });
        return isUrl(target) ? cloneAndAdd(target, name, variables, progress)
                : addLocal(Path.of(target), name, null, variables);
    }

    /**
     * What removing a repository source takes away besides its cached rows: the clone Braid made
     * under its data folder (never a folder the user added).
     */
    public dev.braid.sync.SourceCleanup cleanup() {
        return new RepoCleanup(clonesDir);
    }

    static boolean isUrl(String text) {
        return text.contains("://") || SCP_LIKE.matcher(text).matches();
    }

    private Source addLocal(Path folder, String name, String clonedFrom, Map<String, String> variables)
            throws RepoException {
        Path absolute = folder.toAbsolutePath().normalize();
        String remote;
        prepareGit();
        try (Git git = GitOpener.open(absolute)) {
            remote = git.getRepository().getConfig().getString("remote", "origin", "url");
        }
        String finalRemote = clonedFrom != null ? clonedFrom : remote;
        String wanted = name == null || name.isBlank() ? deriveName(absolute.getFileName() == null ? "repository"
                : absolute.getFileName().toString()) : name.strip();
        try {
            return register(absolute, wanted, name != null && !name.isBlank(), clonedFrom, finalRemote, variables);
        } catch (Refusal refusal) {
            throw new RepoException(refusal.getMessage());
        }
    }

    private Source register(Path absolute, String wanted, boolean nameGiven, String clonedFrom, String remote,
                            Map<String, String> variables) {
        return db.write(c -> {
            Optional<String> existing = table.nameForPath(c, absolute.toString());
            if (existing.isPresent()) {
                throw new Refusal(absolute + " is already added as '" + existing.get() + "'");
            }
            if (nameGiven && sources.nameTaken(c, wanted)) {
                throw new Refusal("A source named '" + wanted + "' already exists");
            }
            String unique = wanted;
            for (int n = 2; sources.nameTaken(c, unique); n++) {
                unique = wanted + "-" + n;
            }
            Map<String, String> config = new HashMap<>(variables);
            config.put("path", absolute.toString());
            if (clonedFrom != null) {
                config.put("url", clonedFrom);
            }
            Source source = sources.insert(c, KIND, unique, config);
            table.insert(c, source.id(), absolute.toString(), remote);
            return source;
        });
    }

    /** Raised inside a transaction to roll it back with a message for the user. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private Source cloneAndAdd(String url, String name, Map<String, String> variables, SyncContext progress)
            throws RepoException {
        String wanted = name == null || name.isBlank() ? deriveName(url) : name.strip();
        Path into = clonesDir.resolve(wanted);
        for (int n = 2; Files.exists(into); n++) {
            into = clonesDir.resolve(wanted + "-" + n);
        }
        try {
            prepareGit();
            GitCloner.cloneInto(url, into, progress, variables, env, prompt);
        } catch (RepoException | RuntimeException e) {
            deleteQuietly(into);
            throw e;
        }
        try {
            return addLocal(into, name == null || name.isBlank() ? wanted : name, url, variables);
        } catch (RepoException e) {
            deleteQuietly(into);
            throw e;
        }
    }

    static String deriveName(String pathOrUrl) {
        String trimmed = pathOrUrl.replaceAll("[/\\\\]+$", "");
        String last = trimmed.substring(Math.max(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')),
                trimmed.lastIndexOf('\\')) + 1);
        if (last.endsWith(".git")) {
            last = last.substring(0, last.length() - 4);
        }
        last = last.replaceAll("[^\\w.-]", "-");
        return last.isBlank() ? "repository" : last;
    }

    public List<RepoSummary> list() {
        return table.list();
    }

    public Optional<RepoSummary> find(long sourceId) {
        return table.find(sourceId);
    }

    public Optional<RepoSummary> find(String name) {
        return table.find(name);
    }

    public List<GitRef> refs(long repoId) {
        return commits.refs(repoId);
    }

    /**
     * A page of history, newest first and topologically ordered (a child always before its
     * parents). An unknown ref gives an empty page.
     */
    public List<CommitRow> history(HistoryQuery query, int offset, int limit) {
        if (query.ref() == null || query.ref().isBlank()) {
            return commits.history(query.repoId(), query.text(), offset, limit);
        }
        return resolveRef(query.repoId(), query.ref())
                .map(tip -> historyIndex.page(query.repoId(), tip, query.text(), offset, limit))
                .orElse(List.of());
    }

    /**
     * Hands {@code each} the commits {@code query} lists (its ref, else every commit; not its
     * text), in {@link #history} order, at most {@code limit}, until it returns false: for reading
     * a whole history out without paging. An unknown ref gives nothing.
     */
    public void forEachInHistory(HistoryQuery query, long limit, Predicate<CommitRow> each) {
        if (query.ref() == null || query.ref().isBlank()) {
            commits.forEachInHistory(query.repoId(), null, limit, each);
            return;
        }
        resolveRef(query.repoId(), query.ref()).ifPresent(tip -> commits.forEachInHistory(query.repoId(), tip, limit, each));
    }

    /** The commit a ref name ({@code main}, {@code origin/main}, {@code v1.0}, {@code HEAD}, full names) or hash names. */
    public Optional<String> resolveRef(long repoId, String ref) {
        List<GitRef> refs = commits.refs(repoId);
        for (String candidate : new String[] {ref, "refs/heads/" + ref, "refs/tags/" + ref, "refs/remotes/" + ref}) {
            for (GitRef r : refs) {
                if (r.name().equals(candidate) && r.target() != null) {
                    return Optional.of(r.target());
                }
            }
        }
        if (ref.matches("[0-9a-fA-F]{4,64}")) {
            List<String> matches = commits.resolvePrefix(repoId, ref.toLowerCase(), 2);
            if (matches.size() == 1) {
                return Optional.of(matches.get(0));
            }
        }
        return Optional.empty();
    }

    public Optional<CommitDetail> commit(long repoId, String hashOrPrefix) {
        return resolveRef(repoId, hashOrPrefix).flatMap(hash -> commits.detail(repoId, hash));
    }

    public List<ChangedFile> changedFiles(long repoId, String hash) throws RepoException {
        try (Git git = openOnDisk(repoId)) {
            return GitDiffs.changedFiles(git.getRepository(), hash);
        } catch (IOException e) {
            throw new RepoException("Cannot read the changes of " + hash + ": " + e.getMessage(), e);
        }
    }

    public FileDiff diff(long repoId, String hash, String path) throws RepoException {
        try (Git git = openOnDisk(repoId)) {
            return GitDiffs.diff(git.getRepository(), hash, path);
        } catch (IOException e) {
            throw new RepoException("Cannot read the diff of " + path + " in " + hash + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files that differ between two commits of one repository, as {@code git diff from to}
     * lists them (renames detected). Either commit may be a hash prefix or a ref the cache knows.
     *
     * @throws RepoException when a commit is unknown or the repository folder is not available
     */
    public List<ChangedFile> changedFilesBetween(long repoId, String from, String to) throws RepoException {
        String a = resolveCommit(repoId, from);
        String b = resolveCommit(repoId, to);
        try (Git git = openOnDisk(repoId)) {
            return GitDiffs.changedFilesBetween(git.getRepository(), a, b);
        } catch (IOException e) {
            throw new RepoException("Cannot compare " + from + " with " + to + ": " + e.getMessage(), e);
        }
    }

    /**
     * The diff of one file from commit {@code from} to commit {@code to}; empty lines when the file
     * is the same in both.
     *
     * @throws RepoException when a commit is unknown or the repository folder is not available
     */
    public FileDiff diffBetween(long repoId, String from, String to, String path) throws RepoException {
        String a = resolveCommit(repoId, from);
        String b = resolveCommit(repoId, to);
        try (Git git = openOnDisk(repoId)) {
            return GitDiffs.diffBetween(git.getRepository(), a, b, path);
        } catch (IOException e) {
            throw new RepoException("Cannot read the diff of " + path + " from " + from + " to " + to + ": "
                    + e.getMessage(), e);
        }
    }

    private String resolveCommit(long repoId, String hashOrRef) throws RepoException {
        return resolveRef(repoId, hashOrRef)
                .orElseThrow(() -> new RepoException("Commit " + hashOrRef + " is not in this repository's index"));
    }

    public List<CommitHit> search(String text, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return commits.search(text.strip(), limit);
    }

    private Git openOnDisk(long repoId) throws RepoException {
        String path = table.path(repoId).orElseThrow(() -> new RepoException("No repository with id " + repoId));
        prepareGit();
        try {
            return GitOpener.open(Path.of(path));
        } catch (RepoException e) {
            throw new RepoException("The repository folder is not available (" + e.getMessage()
                    + "); its cached history is still shown, but changes need the repository itself.", e);
        }
    }

    /**
     * Sets JGit up for Braid's data folder if that has not happened yet. Code that uses JGit on
     * its own, next to this service (the demo writes its repository), calls this first.
     */
    public void prepareGit() {
        beforeGit.run();
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Leaving a half-cloned folder behind is harmless; the next clone picks another name.
        }
    }
}
