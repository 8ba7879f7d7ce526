package dev.braid.lineage.ui;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks where to save an export; the window uses a file chooser, tests answer with a path of their own. */
public interface ExportFiles {
    /** The file to write, or null when the person cancelled. {@code extension} is "png", "svg", "dot" or "json". */
    Path choose(String extension, Window owner);

    /** A save dialog offering {@code lineage.<extension>}. */
    ExportFiles DIALOG = (extension, owner) -> {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the graph as " + extension.toUpperCase(java.util.Locale.ROOT));
        chooser.setInitialFileName("lineage." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(java.util.Locale.ROOT), "*." + extension));
        File file = chooser.showSaveDialog(owner);
        return file == null ? null : file.toPath();
    };
}
