package dev.braid.pipelines.definitions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The files of one commit, read straight from git's object database without a checkout. Files
 * larger than {@link #MAX_FILE_BYTES} are refused: definitions are kilobytes, and a reader holds
 * the whole text. Not thread-safe; use one per reading.
 */
public final class GitTreeFiles implements TreeFiles {
    /** Larger blobs are not read as definitions. */
    public static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

    private final ObjectReader reader;
    private final RevTree tree;
    private final String commit;
    private List<String> paths;

    public GitTreeFiles(Repository repository, RevCommit commit) {
        this(repository.newObjectReader(), commit);
    }

    public GitTreeFiles(ObjectReader reader, RevCommit commit) {
        this.reader = reader;
        this.tree = commit.getTree();
        this.commit = commit.name();
    }

    @Override
    public String commit() {
        return commit;
    }

    @Override
    public Optional<String> read(String path) throws IOException {
        byte[] bytes = bytes(path);
        return bytes == null ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The raw bytes of a file, or null without one (DVC hashes bytes, not text). */
    public byte[] bytes(String path) throws IOException {
        if (path.isEmpty()) {
            return null;
        }
        try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
            if (walk == null || (walk.getFileMode(0).getBits() & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                return null;
            }
            ObjectLoader loader = reader.open(walk.getObjectId(0));
            if (loader.getSize() > MAX_FILE_BYTES) {
                throw new IOException(path + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return loader.getBytes();
        }
    }

    /** The reader this uses, for callers that read more objects of the same commit. */
    public ObjectReader reader() {
        return reader;
    }

    /** The commit's root tree. */
    public RevTree tree() {
        return tree;
    }

    @Override
    public List<String> pathsEndingWith(List<String> suffixes) throws IOException {
        if (paths != null) {
            return TreeFiles.super.pathsEndingWith(suffixes);
        }
        List<String> found = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            // A suffix filter lets the walk skip reading files, though it still enters every folder.
            walk.setFilter(suffixes.size() == 1 ? PathSuffixFilter.create(suffixes.get(0))
                    : OrTreeFilter.create(suffixes.stream().map(PathSuffixFilter::create).toArray(TreeFilter[]::new)));
            while (walk.next()) {
                found.add(walk.getPathString());
            }
        }
        return found;
    }

    @Override
    public List<String> paths() throws IOException {
        if (paths == null) {
            List<String> all = new ArrayList<>();
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(tree);
                walk.setRecursive(true);
                while (walk.next()) {
                    all.add(walk.getPathString());
                }
            }
            paths = List.copyOf(all);
        }
        return paths;
    }
}
