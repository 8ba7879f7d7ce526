package dev.braid.pipelines.definitions;

import dev.braid.sync.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The history of the Kubeflow pipeline specs in a repository (ADR 28): the YAML files at the
 * indexed tips that hold a compiled pipeline spec, then, walking only the commits that touched
 * those paths, each commit that gave one of them a content no parent had. Each file version is
 * parsed once however many commits hold it. A spec that lived only at a path no tip has any more is
 * not found; a repository without specs at its tips costs one walk of each tip's tree.
 */
public final class KubeflowSpecHistory {
    private static final long MAX_BYTES = 4L * SafeYaml.Limits.STANDARD.maxCodePoints();
    private final Repository repository;
    private final Map<ObjectId, Optional<Spec>> parsed = new HashMap<>();

    public KubeflowSpecHistory(Repository repository) {
        this.repository = repository;
    }

    private record Spec(String digest, String name) {
    }

    /** Every spec version, newest commit first. */
    public List<KubeflowSpecVersion> read(Collection<String> tips) throws IOException {
        List<KubeflowSpecVersion> out = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            List<RevCommit> starts = new ArrayList<>();
            TreeSet<String> paths = new TreeSet<>();
            for (String tip : tips) {
                RevCommit start = walk.parseCommit(ObjectId.fromString(tip));
                starts.add(start);
                paths.addAll(specPaths(reader, start.getTree()));
            }
            if (paths.isEmpty()) {
                return out;
            }
            walk.reset();
            for (RevCommit start : starts) {
                walk.markStart(walk.parseCommit(start));
            }
            walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
            for (RevCommit commit; (commit = walk.next()) != null; ) {
                for (String path : paths) {
                    Spec now = spec(reader, blob(reader, path, commit.getTree()));
                    if (now == null || inAParent(walk, reader, commit, path, now.digest())) {
                        continue;
                    }
                    out.add(new KubeflowSpecVersion(path, now.digest(), now.name(), commit.name(),
                            Instant.ofEpochSecond(commit.getCommitTime())));
                }
            }
        }
        return out;
    }

    private boolean inAParent(RevWalk walk, ObjectReader reader, RevCommit commit, String path, String digest)
            throws IOException {
        for (RevCommit parent : commit.getParents()) {
            walk.parseHeaders(parent);
            Spec before = spec(reader, blob(reader, path, parent.getTree()));
            if (before != null && before.digest().equals(digest)) {
                return true;
            }
        }
        return false;
    }

    private List<String> specPaths(ObjectReader reader, RevTree tree) throws IOException {
        List<String> out = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            while (tw.next()) {
                String path = tw.getPathString();
                if ((path.endsWith(".yaml") || path.endsWith(".yml")) && tw.getFileMode(0) != FileMode.GITLINK
                        && spec(reader, tw.getObjectId(0)) != null) {
                    out.add(path);
                }
            }
        }
        return out;
    }

    private static ObjectId blob(ObjectReader reader, String path, RevTree tree) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(reader, path, tree)) {
            return tw == null || (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE ? null : tw.getObjectId(0);
        }
    }

    /** The spec in a file version, or null when it holds none (or cannot be read). */
    private Spec spec(ObjectReader reader, ObjectId blob) throws IOException {
        if (blob == null) {
            return null;
        }
        Optional<Spec> known = parsed.get(blob);
        if (known == null) {
            known = Optional.ofNullable(parse(reader, blob));
            parsed.put(blob.copy(), known);
        }
        return known.orElse(null);
    }

    private static Spec parse(ObjectReader reader, ObjectId blob) throws IOException {
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > MAX_BYTES) {
            return null;
        }
        String text = new String(loader.getCachedBytes(), StandardCharsets.UTF_8);
        // Cheap test first: most YAML files in a repository are not pipeline specs.
        if (!text.contains("pipelineInfo") || !text.contains("root")) {
            return null;
        }
        try {
            for (Object document : DefinitionYaml.loadAll(blob.name(), text)) {
                if (KubeflowReader.isPipelineSpec(document)) {
                    Object name = DefinitionYaml.map(DefinitionYaml.map(document).get("pipelineInfo")).get("name");
                    return new Spec(KubeflowSpecDigest.of(document), Objects.toString(name, null));
                }
            }
        } catch (SafeYaml.UnreadableYamlException | IllegalArgumentException e) {
            return null; // the definition reader reports an unreadable file when it is opened
        }
        return null;
    }
}
