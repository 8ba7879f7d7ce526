package dev.braid.repos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Computes a commit's changes against its first parent, or the changes between any two commits, on
 * demand, from the repository itself.
 */
final class GitDiffs {
    private GitDiffs() {
    }

    static List<ChangedFile> changedFiles(Repository repo, String hash) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(hash));
            return changedFiles(repo, parentTree(repo, walk, commit), tree(repo, commit));
        }
    }

    /** What changed from commit {@code from} to commit {@code to}, whatever their relation in history. */
    static List<ChangedFile> changedFilesBetween(Repository repo, String from, String to) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return changedFiles(repo, tree(repo, walk.parseCommit(ObjectId.fromString(from))),
                    tree(repo, walk.parseCommit(ObjectId.fromString(to))));
        }
    }

    static FileDiff diff(Repository repo, String hash, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(hash));
            return diff(repo, parentTree(repo, walk, commit), tree(repo, commit), path);
        }
    }

    /** The diff of one file from commit {@code from} to commit {@code to}. */
    static FileDiff diffBetween(Repository repo, String from, String to, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return diff(repo, tree(repo, walk.parseCommit(ObjectId.fromString(from))),
                    tree(repo, walk.parseCommit(ObjectId.fromString(to))), path);
        }
    }

    private static List<ChangedFile> changedFiles(Repository repo, AbstractTreeIterator before, AbstractTreeIterator after)
            throws IOException {
        try (DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            configure(formatter, repo);
            List<ChangedFile> out = new ArrayList<>();
            for (DiffEntry entry : formatter.scan(before, after)) {
                FileHeader header = formatter.toFileHeader(entry);
                int added = 0;
                int removed = 0;
                if (header.getPatchType() != FileHeader.PatchType.UNIFIED) {
                    added = -1;
                    removed = -1;
                } else {
                    for (Edit edit : header.toEditList()) {
                        added += edit.getLengthB();
                        removed += edit.getLengthA();
                    }
                }
                boolean moved = entry.getChangeType() == DiffEntry.ChangeType.RENAME
                        || entry.getChangeType() == DiffEntry.ChangeType.COPY;
                out.add(new ChangedFile(pathOf(entry), moved ? entry.getOldPath() : pathOf(entry),
                        kindOf(entry.getChangeType()), added, removed));
            }
            return out;
        }
    }

    private static FileDiff diff(Repository repo, AbstractTreeIterator before, AbstractTreeIterator after, String path)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(bytes)) {
            configure(formatter, repo);
            for (DiffEntry entry : formatter.scan(before, after)) {
                if (path.equals(pathOf(entry)) || path.equals(entry.getOldPath())) {
                    FileHeader header = formatter.toFileHeader(entry);
                    if (header.getPatchType() != FileHeader.PatchType.UNIFIED) {
                        return new FileDiff(path, true, List.of());
                    }
                    formatter.format(entry);
                    formatter.flush();
                    return new FileDiff(path, false, parse(bytes.toString(StandardCharsets.UTF_8)));
                }
            }
            return new FileDiff(path, false, List.of());
        }
    }

    /** Turns unified diff text into lines; everything before the first hunk is header. */
    static List<DiffLine> parse(String unified) {
        List<DiffLine> lines = new ArrayList<>();
        int oldLine = 0;
        int newLine = 0;
        boolean inHunk = false;
        for (String text : unified.split("\n", -1)) {
            if (text.startsWith("@@")) {
                inHunk = true;
                int[] starts = hunkStarts(text);
                oldLine = starts[0];
                newLine = starts[1];
                lines.add(new DiffLine(DiffLine.Kind.HUNK, 0, 0, text));
            } else if (!inHunk || text.startsWith("\\")) {
                continue;
            } else if (text.startsWith("+")) {
                lines.add(new DiffLine(DiffLine.Kind.ADDED, 0, newLine++, text.substring(1)));
            } else if (text.startsWith("-")) {
                lines.add(new DiffLine(DiffLine.Kind.REMOVED, oldLine++, 0, text.substring(1)));
            } else if (text.startsWith(" ")) {
                lines.add(new DiffLine(DiffLine.Kind.CONTEXT, oldLine++, newLine++, text.substring(1)));
            }
        }
        return lines;
    }

    private static int[] hunkStarts(String header) {
        // "@@ -12,7 +12,9 @@ context"
        String[] parts = header.split(" ");
        return new int[] {start(parts[1]), start(parts[2])};
    }

    private static int start(String range) {
        String digits = range.substring(1);
        int comma = digits.indexOf(',');
        return Integer.parseInt(comma < 0 ? digits : digits.substring(0, comma));
    }

    private static void configure(DiffFormatter formatter, Repository repo) {
        formatter.setRepository(repo);
        formatter.setDiffComparator(RawTextComparator.DEFAULT);
        formatter.setDetectRenames(true);
    }

    private static AbstractTreeIterator tree(Repository repo, RevCommit commit) throws IOException {
        CanonicalTreeParser parser = new CanonicalTreeParser();
        try (var reader = repo.newObjectReader()) {
            parser.reset(reader, commit.getTree());
        }
        return parser;
    }

    private static AbstractTreeIterator parentTree(Repository repo, RevWalk walk, RevCommit commit) throws IOException {
        if (commit.getParentCount() == 0) {
            return new EmptyTreeIterator();
        }
        RevCommit parent = walk.parseCommit(commit.getParent(0));
        return tree(repo, parent);
    }

    private static String pathOf(DiffEntry entry) {
        return entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
    }

    private static ChangedFile.ChangeKind kindOf(DiffEntry.ChangeType type) {
        return switch (type) {
            case ADD -> ChangedFile.ChangeKind.ADDED;
            case MODIFY -> ChangedFile.ChangeKind.MODIFIED;
            case DELETE -> ChangedFile.ChangeKind.DELETED;
            case RENAME -> ChangedFile.ChangeKind.RENAMED;
            case COPY -> ChangedFile.ChangeKind.COPIED;
        };
    }
}
