package dev.braid.lineage.dvc;

import java.net.URI;
import java.util.Map;

/**
 * Decides which of the files a commit's DVC records an MLflow run read: by the location of one of
 * its dataset inputs, or because a pipeline stage's command runs the run's entry point.
 */
final class DvcRunMatching {
    private DvcRunMatching() {
    }

    /**
     * The recorded entry a dataset location names: the same path in the repository (a relative
     * path, or an absolute one inside {@code workTree}), a file inside a recorded directory, or,
     * for an absolute path elsewhere (a run on another machine's checkout), the one recorded path
     * it ends with. Null when none does, or when several do equally well.
     */
    static DvcEntry entryFor(String location, String workTree, Map<String, DvcEntry> recorded) {
        String path = localPath(location);
        if (path == null || path.isEmpty()) {
            return null;
        }
        String relative = null;
        if (!path.startsWith("/")) {
            relative = normalise(path);
        } else if (!workTree.isEmpty() && path.startsWith(workTree + "/")) {
            relative = normalise(path.substring(workTree.length() + 1));
        }
        if (relative != null) {
            DvcEntry exact = recorded.get(relative);
            return exact != null ? exact : inDirectory(relative, recorded);
        }
        DvcEntry found = null;
        for (Map.Entry<String, DvcEntry> entry : recorded.entrySet()) {
            if (path.endsWith("/" + entry.getKey()) && (found == null || entry.getKey().length() > found.path().length())) {
                found = entry.getValue();
            }
        }
        return found;
    }

    private static DvcEntry inDirectory(String relative, Map<String, DvcEntry> recorded) {
        for (DvcEntry entry : recorded.values()) {
            if (entry.directory() && relative.startsWith(entry.path() + "/")) {
                return entry;
            }
        }
        return null;
    }

    /** A plain path, or the path of a {@code file:} URI; null for any other URL. */
    private static String localPath(String location) {
        String text = location.strip();
        if (text.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                return URI.create(text).getPath();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return text.matches("[A-Za-z][A-Za-z0-9+.-]*://.*") ? null : text.replace('\\', '/');
    }

    private static String normalise(String path) {
        try {
            return DvcPaths.join("", path, path);
        } catch (DvcFormatException outsideTheRepository) {
            return null;
        }
    }

    /**
     * Whether {@code command} runs {@code entryPoint} (MLflow's {@code mlflow.source.name}: the
     * script as it was started, relative or absolute): a word of the command is the script, a path
     * ending with its name, or its module ({@code python -m src.train} for {@code src/train.py}).
     */
    static boolean runs(String command, String entryPoint) {
        String script = entryPoint.strip().replace('\\', '/');
        if (script.isEmpty() || !script.endsWith(".py") && !script.endsWith(".R") && !script.endsWith(".sh")) {
            return false;
        }
        String file = script.substring(script.lastIndexOf('/') + 1);
        for (String word : command.split("[\\s;&|()]+")) {
            String w = word.replaceAll("^[\"']|[\"']$", "");
            if (w.isEmpty()) {
                continue;
            }
            String asPath = w.endsWith(".py") ? w : w.replace('.', '/') + ".py";
            if (w.equals(script) || w.equals(file) || w.endsWith("/" + file) || script.endsWith("/" + w)
                    || (!w.endsWith(".py") && (script.equals(asPath) || script.endsWith("/" + asPath)))) {
                return true;
            }
        }
        return false;
    }
}
