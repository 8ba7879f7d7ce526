package dev.braid.lineage.dvc;

import java.util.ArrayDeque;
import java.util.Deque;

/** Path arithmetic for repository-relative paths as DVC writes them (forward slashes). */
final class DvcPaths {
    private DvcPaths() {
    }

    static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /**
     * {@code path} resolved against {@code base}, both inside the repository. URLs and absolute
     * paths (external dependencies) are returned unchanged.
     */
    static String join(String base, String path, String file) throws DvcFormatException {
        if (path == null || path.isEmpty() || path.equals(".")) {
            return normalise(base, file);
        }
        if (isExternal(path)) {
            return path;
        }
        return normalise(base.isEmpty() ? path : base + "/" + path, file);
    }

    static boolean isExternal(String path) {
        return path.startsWith("/") || path.matches("[A-Za-z][A-Za-z0-9+.-]*://.*") || path.matches("[A-Za-z]:[\\\\/].*");
    }

    private static String normalise(String path, String file) throws DvcFormatException {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new DvcFormatException(file + ": the path " + path + " leaves the repository");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
