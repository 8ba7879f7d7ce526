package dev.braid.features.git;

import dev.braid.sync.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Reads the history of the Feast feature repositories inside a git repository: the folders that
 * hold a {@code feature_store.yaml} at HEAD (with the project it names), and, along HEAD's
 * first-parent line, every commit that changed a file in one of them, with the views its Python
 * files declare ({@link FeastDefinitions}). Only commits in which a view's declaration changed are
 * kept, oldest first.
 */
final class FeatureRepoHistory {
    private static final Logger LOG = Logger.getLogger(FeatureRepoHistory.class.getName());
    static final int MAX_FEATURE_REPOS = 20;
    static final int MAX_COMMITS = 5_000;
    static final long MAX_FILE_BYTES = 1L << 20;
    private final Repository repository;

    FeatureRepoHistory(Repository repository) {
        this.repository = repository;
    }

    List<GitDefinition> read() throws IOException {
        ObjectId head = repository.resolve(Constants.HEAD);
        if (head == null) {
            return List.of();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit tip = walk.parseCommit(head);
            Map<String, String> projects = featureRepos(tip);
            if (projects.isEmpty()) {
                return List.of();
            }
            List<RevCommit> touched = FirstParentHistory.touching(repository, tip, projects.keySet(), MAX_COMMITS);
            List<GitDefinition> out = new ArrayList<>();
            Map<String, String> last = new HashMap<>();
            for (RevCommit commit : touched) {
                for (Map.Entry<String, String> repo : projects.entrySet()) {
                    for (ParsedView view : FeastDefinitions.read(pythonFiles(commit, repo.getKey()))) {
                        String key = repo.getValue() + "\n" + view.name();
                        if (view.definition().equals(last.put(key, view.definition()))) {
                            continue;
                        }
                        out.add(new GitDefinition(repo.getValue(), view.name(), commit.name(),
                                Instant.ofEpochSecond(commit.getCommitTime()), commit.getAuthorIdent().getName(),
                                commit.getShortMessage(), view.file(), view.schema(), view.definition()));
                    }
                }
            }
            return out;
        }
    }

    /** Folder ("" for the root) → the Feast project its {@code feature_store.yaml} names, at {@code tip}. */
    private Map<String, String> featureRepos(RevCommit tip) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (TreeWalk tw = new TreeWalk(repository)) {
            tw.addTree(tip.getTree());
            tw.setRecursive(true);
            tw.setFilter(PathSuffixFilter.create("feature_store.yaml"));
            while (tw.next() && out.size() < MAX_FEATURE_REPOS) {
                String path = tw.getPathString();
                if (!path.equals("feature_store.yaml") && !path.endsWith("/feature_store.yaml")) {
                    continue;
                }
                String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
                String project = project(tw.getObjectId(0), path);
                if (project != null) {
                    out.put(dir, project);
                }
            }
        }
        return out;
    }

    /** The Python files under any of {@code dirs} ("" is the whole repository). */
    private static TreeFilter under(java.util.Collection<String> dirs) {
        TreeFilter python = PathSuffixFilter.create(".py");
        if (dirs.contains("")) {
            return python;
        }
        return org.eclipse.jgit.treewalk.filter.AndTreeFilter.create(PathFilterGroup.createFromStrings(dirs), python);
    }

    private String project(ObjectId blob, String path) {
        try {
            ObjectLoader loader = repository.open(blob);
            if (loader.getSize() > MAX_FILE_BYTES) {
                return null;
            }
            Object project = SafeYaml.standard().loadMapping(path, new String(loader.getBytes(), StandardCharsets.UTF_8))
                    .get("project");
            return project == null ? null : project.toString();
        } catch (IOException | SafeYaml.UnreadableYamlException e) {
            LOG.log(Level.INFO, "skipping the unreadable " + path + ": " + e.getMessage());
            return null;
        }
    }

    /** The {@code .py} files under {@code dir} at {@code commit}, by path. */
    private Map<String, String> pythonFiles(RevCommit commit, String dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (TreeWalk tw = new TreeWalk(repository)) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            tw.setFilter(under(List.of(dir)));
            while (tw.next()) {
                ObjectLoader loader = repository.open(tw.getObjectId(0));
                if (loader.getSize() <= MAX_FILE_BYTES) {
                    out.put(tw.getPathString(), new String(loader.getBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
