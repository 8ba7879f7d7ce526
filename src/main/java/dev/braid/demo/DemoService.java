package dev.braid.demo;

import dev.braid.repos.RepoException;
import dev.braid.repos.RepositoryService;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Sets up the demo workspace for someone trying Braid without a repository of their own: writes
 * the demo repository and adds it as a source. The caller then syncs it like any other source.
 */
public final class DemoService {
    /** The name the demo source gets (with a number appended if it is taken). */
    public static final String SOURCE_NAME = "demo-ml-project";
    private final RepositoryService repositories;
    private final DemoWorkspace workspace;

    public DemoService(RepositoryService repositories, DemoWorkspace workspace) {
        this.repositories = repositories;
        this.workspace = workspace;
    }

    public DemoService(RepositoryService repositories) {
        this(repositories, new DemoWorkspace());
    }

    /**
     * Writes the demo repository into {@code into} (created; must be empty or absent) and adds it
     * as a git source, not synced yet. If adding fails the written folder is removed again.
     */
    public Source open(Path into, SyncContext progress) throws IOException, RepoException {
        progress.progress(-1, "writing the demo repository");
        Path workTree = workspace.createRepository(into);
        try {
            progress.checkCancelled();
            progress.progress(-1, "adding the demo repository");
            return repositories.add(workTree.toString(), freeName(), progress);
        } catch (RepoException | RuntimeException e) {
            deleteQuietly(into);
            throw e;
        }
    }

    private String freeName() {
        String name = SOURCE_NAME;
        for (int n = 2; repositories.find(name).isPresent(); n++) {
            name = SOURCE_NAME + "-" + n;
        }
        return name;
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover folder is harmless and the original failure matters more.
        }
    }
}
