package dev.braid.pipelines.dvc;

import java.util.ArrayDeque;
import java.util.Deque;

/** Repository-relative paths as DVC writes them: forward slashes, {@code ..} resolved, URLs kept. */
final class DvcPath {
    private DvcPath() {
    }

    static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** {@code path} relative to {@code base}; external paths (URLs, absolute) as written. */
    static String join(String base, String path) {
        if (path == null || path.isEmpty() || path.equals(".")) {
            return normalise(base);
        }
        if (isExternal(path)) {
            return path;
        }
        return normalise(base.isEmpty() ? path : base + "/" + path);
    }

    static boolean isExternal(String path) {
        return path.startsWith("/") || path.matches("[A-Za-z][A-Za-z0-9+.-]*://.*") || path.matches("[A-Za-z]:[\\\\/].*");
    }

    /** Whether {@code inner} is {@code outer} or inside it. */
    static boolean within(String inner, String outer) {
        return inner.equals(outer) || outer.isEmpty() || inner.startsWith(outer + "/");
    }

    private static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
