package dev.braid.repos;

/**
 * A file a commit changed, compared with its first parent. {@code oldPath} differs from
 * {@code path} for renames and copies; line counts are -1 for binary files.
 */
public record ChangedFile(String path, String oldPath, ChangeKind change, int added, int removed) {
    public enum ChangeKind { ADDED, MODIFIED, DELETED, RENAMED, COPIED }

    public boolean binary() {
        return added < 0;
    }
}
