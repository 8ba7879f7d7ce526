package dev.braid.security.env;

import dev.braid.repos.RepoSummary;
import dev.braid.repos.RepositoryService;
import dev.braid.security.SecurityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Files of an indexed repository at a ref, read from git (never from the working tree, which may
 * hold uncommitted changes): {@code repo:<name>@<ref>:<path>}, where ref is a commit, a branch or
 * a tag, and files the first one refers to are read at the same commit.
 */
final class RepoFiles {
    private static final int MAX_FILE = 1024 * 1024;

    private RepoFiles() {
    }

    static Environment environment(String location, RepositoryService repositories, EnvironmentReader reader)
            throws SecurityException {
        String rest = location.substring("repo:".length());
        int at = rest.indexOf('@');
        int colon = rest.indexOf(':', Math.max(at, 0));
        if (at <= 0 || colon < 0 || colon == rest.length() - 1) {
            throw new SecurityException("write a repository file as repo:NAME@REF:PATH, not " + location);
        }
        String name = rest.substring(0, at);
        String ref = rest.substring(at + 1, colon);
        String path = rest.substring(colon + 1);
        RepoSummary repo = repositories.find(name).orElseThrow(() -> new SecurityException("no indexed repository " + name));
        try (Repository git = new FileRepositoryBuilder().findGitDir(Path.of(repo.path()).toFile()).setMustExist(true).build();
             RevWalk walk = new RevWalk(git)) {
            ObjectId id = git.resolve(ref);
            if (id == null) {
                throw new SecurityException("no commit, branch or tag " + ref + " in " + name);
            }
            RevCommit commit = walk.parseCommit(id);
            String text = read(git, commit, path);
            if (text == null) {
                throw new SecurityException("no file " + path + " in " + name + " at " + ref);
            }
            String folder = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
            String label = name + "@" + commit.abbreviate(7).name() + ":" + path;
            return reader.serving(label, path, text, sibling -> {
                try {
                    return read(git, commit, Path.of(folder + sibling).normalize().toString().replace('\\', '/'));
                } catch (IOException e) {
                    return null;
                }
            });
        } catch (IOException e) {
            throw new SecurityException("cannot read " + path + " from " + name + ": " + e.getMessage(), e);
        }
    }

    private static String read(Repository git, RevCommit commit, String path) throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(git, path, commit.getTree())) {
            if (tree == null) {
                return null;
            }
            ObjectLoader loader = git.open(tree.getObjectId(0));
            if (loader.getSize() > MAX_FILE) {
                throw new IOException(path + " is larger than " + MAX_FILE + " bytes");
            }
            return new String(loader.getBytes(), StandardCharsets.UTF_8);
        }
    }
}
