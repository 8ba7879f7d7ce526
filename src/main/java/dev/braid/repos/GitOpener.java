package dev.braid.repos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;

/** Opens the repository at exactly the given folder (a work tree or a bare repository), no guessing upwards. */
final class GitOpener {
    private GitOpener() {
    }

    static Git open(Path folder) throws RepoException {
        if (!Files.exists(folder)) {
            throw new RepoException("No such folder: " + folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new RepoException(folder + " is a file, not a git repository folder");
        }
        try {
            return Git.open(folder.toFile());
        } catch (RepositoryNotFoundException e) {
            throw new RepoException(folder + " is not a git repository", e);
        } catch (IOException | RuntimeException e) {
            throw new RepoException("Cannot open the git repository at " + folder + ": " + e.getMessage(), e);
        }
    }
}
