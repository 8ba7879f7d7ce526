package dev.braid.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Writes blobs, trees, commits and tags straight into a repository's object database, skipping
 * the index and work tree: hundreds of commits take a fraction of a second this way.
 */
final class CommitWriter implements AutoCloseable {
    /** Null for a dry run, which only computes object ids. */
    private final Repository repository;
    private final ObjectInserter inserter;
    /** Objects written in this run; unchanged files and folders are shared between commits. */
    private final Set<ObjectId> written = new HashSet<>();
    /** Most files are unchanged from one commit to the next; hashing them again is the main cost. */
    private final Map<String, ObjectId> blobs = new HashMap<>();
    private final Map<Map<String, String>, ObjectId> trees = new HashMap<>();
    private final Map<String, ObjectId> refs = new TreeMap<>();

    private CommitWriter(Repository repository, ObjectInserter inserter) {
        this.repository = repository;
        this.inserter = inserter;
    }

    /**
     * A writer into {@code repository}; a file repository gets everything in one pack, as after a
     * clone, which is several times faster than a loose file per object.
     */
    static CommitWriter into(Repository repository) {
        ObjectInserter inserter = repository.getObjectDatabase() instanceof ObjectDirectory directory
                ? directory.newPackInserter()
                : repository.newObjectInserter();
        return new CommitWriter(repository, inserter);
    }

    /** A writer that stores nothing but yields the same ids, to learn how a history would turn out. */
    static CommitWriter dryRun() {
        return new CommitWriter(null, new ObjectInserter.Formatter());
    }

    /** Writes the tree of {@code files} (path → content; paths ending in ".sh" are executable). */
    ObjectId writeTree(SortedMap<String, String> files) throws IOException {
        ObjectId known = trees.get(files);
        if (known != null) {
            return known;
        }
        TreeMap<String, Object> children = new TreeMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            int slash = path.indexOf('/');
            if (slash < 0) {
                children.put(path, file.getValue());
            } else {
                @SuppressWarnings("unchecked")
                TreeMap<String, String> sub = (TreeMap<String, String>) children.computeIfAbsent(
                        path.substring(0, slash), name -> new TreeMap<String, String>());
                sub.put(path.substring(slash + 1), file.getValue());
            }
        }
        // git orders a folder as if its name ended in '/'.
        TreeMap<String, String> order = new TreeMap<>();
        children.forEach((name, child) -> order.put(child instanceof String ? name : name + "/", name));
        TreeFormatter tree = new TreeFormatter();
        for (String name : order.values()) {
            Object child = children.get(name);
            if (child instanceof String content) {
                FileMode mode = name.endsWith(".sh") ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
                tree.append(name, mode, blob(content));
            } else {
                @SuppressWarnings("unchecked")
                SortedMap<String, String> sub = (SortedMap<String, String>) child;
                tree.append(name, FileMode.TREE, writeTree(sub));
            }
        }
        ObjectId id = tree.computeId(inserter);
        if (written.add(id) && repository != null) {
            inserter.insert(tree);
        }
        trees.put(new TreeMap<>(files), id);
        return id;
    }

    ObjectId commit(ObjectId tree, List<ObjectId> parents, PersonIdent author, PersonIdent committer, String message)
            throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(parents);
        commit.setAuthor(author);
        commit.setCommitter(committer);
        commit.setMessage(message);
        return repository == null ? inserter.idFor(Constants.OBJ_COMMIT, commit.build()) : inserter.insert(commit);
    }

    ObjectId annotatedTag(String name, ObjectId commit, PersonIdent tagger, String message) throws IOException {
        TagBuilder tag = new TagBuilder();
        tag.setTag(name);
        tag.setObjectId(commit, Constants.OBJ_COMMIT);
        tag.setTagger(tagger);
        tag.setMessage(message);
        ObjectId id = repository == null ? inserter.idFor(Constants.OBJ_TAG, tag.build()) : inserter.insert(tag);
        refs.put(Constants.R_TAGS + name, id);
        return id;
    }

    void lightweightTag(String name, ObjectId commit) {
        refs.put(Constants.R_TAGS + name, commit);
    }

    void branch(String name, ObjectId commit) {
        refs.put(Constants.R_HEADS + name, commit);
    }

    /** Flushes the objects, then points every recorded branch and tag at its object, in one packed-refs write. */
    void finish() throws IOException {
        if (repository == null) {
            return;
        }
        inserter.flush();
        BatchRefUpdate batch = repository.getRefDatabase().newBatchUpdate();
        batch.setAtomic(true);
        batch.setRefLogMessage(null, false);
        batch.disableRefLog();
        for (Map.Entry<String, ObjectId> ref : refs.entrySet()) {
            batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), ref.getValue(), ref.getKey()));
        }
        try (RevWalk walk = new RevWalk(repository)) {
            batch.execute(walk, NullProgressMonitor.INSTANCE);
        }
        List<String> failed = new ArrayList<>();
        for (ReceiveCommand command : batch.getCommands()) {
            if (command.getResult() != ReceiveCommand.Result.OK) {
                failed.add(command.getRefName() + ": " + command.getResult() + " " + command.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new IOException("could not write refs " + failed);
        }
    }

    private ObjectId blob(String content) throws IOException {
        ObjectId known = blobs.get(content);
        if (known != null) {
            return known;
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        ObjectId id = inserter.idFor(Constants.OBJ_BLOB, bytes);
        if (written.add(id) && repository != null) {
            inserter.insert(Constants.OBJ_BLOB, bytes);
        }
        blobs.put(content, id);
        return id;
    }

    @Override
    public void close() {
        inserter.close();
    }
}
