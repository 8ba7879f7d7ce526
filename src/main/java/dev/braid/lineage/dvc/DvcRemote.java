package dev.braid.lineage.dvc;

/**
 * The default remote in {@code .dvc/config}. {@code pathPreserving} is set for DVC's
 * {@code version_aware} and {@code worktree} remotes, which keep files under their workspace
 * paths instead of by content hash, so a tracked path has a storage name there.
 */
public record DvcRemote(String url, boolean pathPreserving) {
    public static final DvcRemote NONE = new DvcRemote("", false);

    public DvcRemote {
        url = url == null ? "" : url;
    }
}
