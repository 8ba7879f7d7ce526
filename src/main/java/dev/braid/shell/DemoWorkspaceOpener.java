package dev.braid.shell;

import dev.braid.demo.DemoService;
import dev.braid.demo.DemoWorkspace;
import dev.braid.repos.RepositoryService;
import dev.braid.sync.SyncContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Opens the demo workspace from the welcome page: writes it into the data folder and adds it. */
public final class DemoWorkspaceOpener implements DemoOpener {
    private final RepositoryService repositories;
    private final Path dataDir;
    private final Clock clock;

    public DemoWorkspaceOpener(RepositoryService repositories, Path dataDir, Clock clock) {
        this.repositories = repositories;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    @Override
    public void open(SyncContext progress) throws Exception {
        new DemoService(repositories, new DemoWorkspace(clock)).open(freeFolder(), progress);
    }

    /** {@code <data>/demo}, or {@code demo-2}, {@code demo-3}… when an earlier demo is there. */
    private Path freeFolder() {
        Path folder = dataDir.resolve("demo");
        for (int n = 2; Files.exists(folder); n++) {
            folder = dataDir.resolve("demo-" + n);
        }
        return folder;
    }
}
