package dev.braid.experiments;

import java.nio.file.Path;

/**
 * The rules every artifact path passes before Braid uses it to ask a server, read a local store
 * or write a download: relative, {@code /}-separated, no {@code .} or {@code ..} parts, no empty
 * parts, no backslashes, no control characters. The same rules MLflow's server applies, so a
 * path Braid accepts is one MLflow would serve; a listing that breaks them is refused, never
 * followed.
 */
final class ArtifactPaths {
    private ArtifactPaths() {
    }

    /** {@code path} unchanged when it is safe ({@code ""} or null is the root, returned as ""). */
    static String check(String path) throws ExperimentException {
        if (path == null || path.isEmpty()) {
            return "";
        }
        if (path.startsWith("/") || path.indexOf('\\') >= 0 || (path.length() >= 2 && path.charAt(1) == ':')) {
            throw unsafe(path);
        }
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                throw unsafe(path);
            }
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw unsafe(path);
            }
        }
        return path;
    }

    /** {@code checked} (already {@link #check checked}) under {@code root}; fails if it would land elsewhere. */
    static Path inside(Path root, String checked) throws ExperimentException {
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base;
        if (!checked.isEmpty()) {
            for (String part : checked.split("/")) {
                resolved = resolved.resolve(part);
            }
        }
        resolved = resolved.normalize();
        if (!resolved.startsWith(base)) {
            throw unsafe(checked);
        }
        return resolved;
    }

    /** The child's path in folder {@code parent} ({@code ""} for the root). */
    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    private static ExperimentException unsafe(String path) {
        String shown = path.replaceAll("\\p{Cntrl}", "?");
        return new ExperimentException("refused the artifact path '" + shown + "': artifact paths must stay inside"
                + " the run's artifact folder (no '..', no absolute paths, no backslashes)");
    }
}
