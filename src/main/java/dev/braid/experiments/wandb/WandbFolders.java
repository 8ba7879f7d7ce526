package dev.braid.experiments.wandb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds W&B run folders under a path: a run folder itself, a {@code wandb} folder, or a project
 * (or any folder) holding them at any depth. Run folders are named
 * {@code run-<time>-<id>} (online, or not yet synced) and {@code offline-run-<time>-<id>}, and
 * hold the run's {@code run-<id>.wandb} log. W&B's {@code latest-run} link is skipped: it points
 * at a folder found anyway.
 */
public final class WandbFolders {
    private static final Pattern RUN_FOLDER = Pattern.compile("(offline-)?run-\\d{8}_\\d{6}-[A-Za-z0-9_-]+");
    private static final int MAX_DEPTH = 8;

    private WandbFolders() {
    }

    /** True when {@code folder} is named like a W&B run folder and holds a {@code .wandb} log. */
    public static boolean isRunFolder(Path folder) {
        Path name = folder.getFileName();
        if (name == null || !RUN_FOLDER.matcher(name.toString()).matches() || !Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".wandb"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Every run folder at or under {@code root}, in path order. Fails when {@code root} is not a folder. */
    public static List<Path> find(Path root) throws IOException, WandbFormatException {
        if (!Files.isDirectory(root)) {
            throw new WandbFormatException(root + " is not a folder");
        }
        if (isRunFolder(root)) {
            return List.of(root);
        }
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
            return walk.filter(Files::isDirectory)
                    .filter(p -> !Files.isSymbolicLink(p))
                    .filter(WandbFolders::isRunFolder)
                    .sorted().toList();
        }
    }

}
