package dev.braid.lineage.dvc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Finds DVC's files in a commit's tree, straight from the object database (no checkout), and
 * reads them into stages. Synchronous; callers run it on a background executor.
 */
public final class DvcScanner {
    private static final String LOCK = "dvc.lock";
    private static final String YAML = "dvc.yaml";
    private static final TreeFilter DVC_FILES = OrTreeFilter.create(new TreeFilter[] {
        PathSuffixFilter.create(".dvc"), PathSuffixFilter.create(LOCK), PathSuffixFilter.create(YAML)});
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[\\s*'?(.*?)'?\\s*]\\s*$");
    private static final Pattern SETTING = Pattern.compile("^\\s*([A-Za-z_]+)\\s*=\\s*(.*?)\\s*$");

    private final Repository repository;
    private final Map<String, DvcFileContent> parsed = new java.util.HashMap<>();

    public DvcScanner(Repository repository) {
        this.repository = repository;
    }

    /** Whether {@code commit} adds, changes or removes a DVC file compared with its first parent. */
    public boolean touchesDvc(RevCommit commit) throws IOException {
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.setRecursive(true);
            if (commit.getParentCount() == 0) {
                walk.addTree(commit.getTree());
                walk.setFilter(DVC_FILES);
            } else {
                RevCommit parent = commit.getParent(0);
                walk.addTree(parent.getTree() != null ? parent.getTree() : parsedTree(parent));
                walk.addTree(commit.getTree());
                walk.setFilter(AndTreeFilter.create(TreeFilter.ANY_DIFF, DVC_FILES));
            }
            while (walk.next()) {
                if (isDvcFile(walk.getPathString())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The stages and tracked data recorded in {@code commit}. */
    public DvcSnapshot read(RevCommit commit) throws IOException {
        Map<String, ObjectId> files = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.setRecursive(true);
            walk.addTree(commit.getTree());
            walk.setFilter(DVC_FILES);
            while (walk.next()) {
                if (isDvcFile(walk.getPathString())) {
                    files.put(walk.getPathString(), walk.getObjectId(0));
                }
            }
        }
        List<DvcStage> stages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader()) {
            for (Map.Entry<String, ObjectId> file : files.entrySet()) {
                String path = file.getKey();
                DvcFileContent content = null;
                if (path.endsWith(".dvc")) {
                    content = parsed(reader, path, file.getValue(), null);
                } else if (name(path).equals(LOCK)) {
                    content = parsed(reader, path, file.getValue(), files.get(sibling(path, YAML)));
                }
                if (content != null) {
                    stages.addAll(content.stages());
                    problems.addAll(content.problems());
                }
            }
            return new DvcSnapshot(commit.name(), stages, remote(reader, commit.getTree(), problems), problems);
        }
    }

    /**
     * A DVC file read once per content: most commits leave most DVC files as they were, and a
     * history reads the same blobs again and again. A file that cannot be read at all is content
     * with no stages and the reason.
     */
    private DvcFileContent parsed(ObjectReader reader, String path, ObjectId blob, ObjectId yaml) throws IOException {
        String key = path + "\n" + blob.name() + "\n" + (yaml == null ? "" : yaml.name());
        DvcFileContent known = parsed.get(key);
        if (known != null) {
            return known;
        }
        DvcFileContent content;
        try {
            content = path.endsWith(".dvc") ? DvcFiles.parseDvcFile(path, text(reader, blob, path))
                    : DvcFiles.parseLock(path, text(reader, blob, path),
                            yaml == null ? null : text(reader, yaml, sibling(path, YAML)));
        } catch (DvcFormatException e) {
            content = new DvcFileContent(List.of(), List.of(e.getMessage()));
        }
        parsed.put(key, content);
        return content;
    }

    /** The default remote in {@code .dvc/config}. */
    private static DvcRemote remote(ObjectReader reader, RevTree tree, List<String> problems) throws IOException {
        try (TreeWalk config = TreeWalk.forPath(reader, ".dvc/config", tree)) {
            return config == null ? DvcRemote.NONE : defaultRemote(text(reader, config.getObjectId(0), ".dvc/config"));
        } catch (DvcFormatException e) {
            problems.add(e.getMessage());
            return DvcRemote.NONE;
        }
    }

    /** DVC's config is INI with quoted section names: {@code ['remote "storage"']}. */
    static DvcRemote defaultRemote(String config) {
        Map<String, Map<String, String>> sections = new TreeMap<>();
        String section = "";
        for (String line : config.split("\\R")) {
            Matcher header = SECTION.matcher(line);
            Matcher setting = SETTING.matcher(line);
            if (header.matches()) {
                section = header.group(1).replace("\"", "").strip();
            } else if (setting.matches()) {
                sections.computeIfAbsent(section, k -> new TreeMap<>()).put(setting.group(1).toLowerCase(), setting.group(2));
            }
        }
        String name = sections.getOrDefault("core", Map.of()).get("remote");
        if (name == null) {
            return DvcRemote.NONE;
        }
        Map<String, String> remote = sections.getOrDefault("remote " + name, Map.of());
        boolean pathPreserving = isTrue(remote.get("version_aware")) || isTrue(remote.get("worktree"));
        return new DvcRemote(remote.getOrDefault("url", ""), pathPreserving);
    }

    private static boolean isTrue(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes"));
    }

    private RevTree parsedTree(RevCommit commit) throws IOException {
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
            return walk.parseCommit(commit).getTree();
        }
    }

    private static boolean isDvcFile(String path) {
        String name = name(path);
        return name.equals(LOCK) || name.equals(YAML) || (path.endsWith(".dvc") && name.length() > 4);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String sibling(String path, String name) {
        String folder = DvcPaths.folderOf(path);
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    private static String text(ObjectReader reader, ObjectId blob, String path) throws IOException, DvcFormatException {
        var loader = reader.open(blob);
        if (loader.getSize() > DvcFiles.MAX_FILE_CHARS) {
            throw new DvcFormatException(path + ": larger than " + DvcFiles.MAX_FILE_CHARS + " bytes");
        }
        return new String(loader.getBytes(), StandardCharsets.UTF_8);
    }
}
