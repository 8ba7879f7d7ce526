package dev.braid.repos;

import dev.braid.sync.SyncContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Clones a repository with JGit, with progress, cancel and credentials. Apart from
 * {@link RepositoryService} because that class is loaded by every command that reads the
 * cache, and naming JGit's types in a catch or as a parameter loads them: JGit's jar is
 * signed, so its first class costs a check of the jar's signature.
 */
final class GitCloner {
    private GitCloner() {
    }

    /** Clones {@code url} into {@code into}; a failure may leave a partial folder for the caller to remove. */
    static void cloneInto(String url, Path into, SyncContext progress, Map<String, String> variables,
                          Map<String, String> env, CredentialPrompt prompt) throws RepoException {
        try {
            Files.createDirectories(into.getParent());
            try (Git ignored = Git.cloneRepository().setURI(url).setDirectory(into.toFile())
                    .setProgressMonitor(new ContextProgressMonitor(progress, "cloning: "))
                    .setCredentialsProvider(new GitCredentials(variables, env, prompt))
                    .call()) {
                progress.checkCancelled();
            }
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (e instanceof CancellationException || progress.isCancelled()) {
                throw new CancellationException("clone cancelled");
            }
            throw new RepoException("Could not clone " + url + ": " + GitFailures.transport(url, e).getMessage(), e);
        }
    }
}
