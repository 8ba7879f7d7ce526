package dev.braid.cli;

import dev.braid.app.DataDirectories;

/** Opens Braid's window on a data folder and returns when it closes. */
@FunctionalInterface
public interface WindowOpener {
    /** {@code explicitDataDir} tells whether the folder was named with {@code --data-dir}. */
    void open(DataDirectories dirs, boolean explicitDataDir);
}
