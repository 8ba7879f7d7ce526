package dev.braid.experiments.ui;

import dev.braid.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real git repository of a small training project, made with the git command line: three
 * commits, oldest first, that change the learning rate and then add a feature file.
 */
final class TrainingRepository {
    private final Path dir;
    private final List<String> commits;

    private TrainingRepository(Path dir, List<String> commits) {
        this.dir = dir;
        this.commits = commits;
    }

    static TrainingRepository create(Path dir) throws Exception {
        Files.createDirectories(dir);
        GitCli git = new GitCli(dir);
        git.run("init", "-q");
        Files.writeString(dir.resolve("train.py"), "import features\n\nlr = 0.1\nepochs = 5\n");
        Files.writeString(dir.resolve("README.md"), "churn model\n");
        String first = git.commitAll("Train a first model");
        Files.writeString(dir.resolve("train.py"), "import features\n\nlr = 0.05\nepochs = 5\n");
        String second = git.commitAll("Lower the learning rate");
        Files.writeString(dir.resolve("features.py"), "COLUMNS = ['tenure', 'charges']\n");
        Files.writeString(dir.resolve("train.py"), "import features\n\nlr = 0.05\nepochs = 8\n");
        String third = git.commitAll("Add features and train longer");
        return new TrainingRepository(dir, List.of(first, second, third));
    }

    Path dir() {
        return dir;
    }

    /** Commit {@code i}, oldest first. */
    String commit(int i) {
        return commits.get(i);
    }
}
