package dev.braid.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Unpacks sqlite-jdbc's native library once per driver version into the data folder and tells the
 * driver to load it from there. Left alone, the driver unpacks it on every start under a random
 * name (a 1 MB write, two checksums over it and a {@code uname} child process to tell the platform),
 * which is about a third of the time a short command spends before its work. The folder name
 * carries the driver version, operating system and architecture, so a different driver or machine
 * never loads another's file; a file that fails to load makes the driver fall back to its own way.
 * An installed Braid names a library it ships with ({@code org.sqlite.lib.path}); then nothing is
 * unpacked.
 */
final class SqliteNativeLibrary {
    private static final Logger LOG = Logger.getLogger(SqliteNativeLibrary.class.getName());
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    static void useUnpackedIn(Path nativeDir) {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        String name = System.mapLibraryName("sqlitejdbc");
        Path folder = nativeDir.resolve(folderName());
        Path library = folder.resolve(name);
        try {
            if (!Files.isRegularFile(library)) {
                unpack(name, folder, library);
            }
            System.setProperty(PATH_PROPERTY, folder.toString());
            System.setProperty(NAME_PROPERTY, name);
        } catch (IOException | RuntimeException e) {
            // The driver unpacks it by itself, as it always did.
            LOG.log(Level.FINE, "could not unpack the SQLite library into " + folder, e);
        }
    }

    static String folderName() {
        // Not "sqlite-<version>...": the driver deletes what starts so in its folder at every start.
        return ("libsqlitejdbc-" + SQLiteJDBCLoader.getVersion() + "-" + System.getProperty("os.name") + "-"
                + System.getProperty("os.arch")).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }

    private static void unpack(String name, Path folder, Path library) throws IOException {
        URL resource = SQLiteJDBCLoader.class.getResource(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name);
        if (resource == null) {
            throw new IOException("no bundled SQLite library for this platform");
        }
        Files.createDirectories(folder);
        // Written beside it and moved into place, so the library file, once there, is whole.
        Path partial = Files.createTempFile(folder, name, ".part");
        try (InputStream in = resource.openStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
