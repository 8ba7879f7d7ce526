package dev.braid.shell;

/** Moves the window to a screen or to one repository or commit; implemented by the shell. */
public interface Navigator {
    void show(Page page);

    /** Shows the repository, and the commit with {@code hash} in it when that is not null. */
    void openRepository(long repoId, String hash);
}
