package dev.braid.lineage;

/**
 * The name a person knows a node by, for the explorer's boxes and the command line's tables: a
 * commit's subject and short hash, a dataset's file name, a dataset version's file name and short
 * version, a repository's folder or project name; other nodes keep their name. The full name and
 * id stay on hover and in the details.
 */
public final class NodeLabels {
    private NodeLabels() {
    }

    public static String label(LineageNode node) {
        String name = node.name();
        NodeKind kind = node.kind();
        if (kind.equals(NodeKind.COMMIT)) {
            return commit(node);
        }
        if (kind.equals(NodeKind.DATASET) || kind.equals(NodeKind.REPOSITORY)) {
            return lastSegment(name);
        }
        if (kind.equals(NodeKind.DATASET_VERSION)) {
            int at = name.lastIndexOf('@');
            if (at > 0) {
                String version = name.substring(at + 1);
                return lastSegment(name.substring(0, at)) + "@" + version.substring(0, Math.min(8, version.length()));
            }
            return lastSegment(name);
        }
        return name;
    }

    /** "Tune num_leaves for LightGBM · 1a2b3c4", or the short hash alone when the subject is not known. */
    private static String commit(LineageNode node) {
        String id = node.id().value();
        String sha = node.properties().getOrDefault("sha", id.substring(id.lastIndexOf(':') + 1));
        String shortHash = sha.substring(0, Math.min(7, sha.length()));
        String subject = node.properties().get("subject");
        if (subject == null || subject.isBlank()) {
            // DVC names commits "<hash> <subject>".
            String name = node.name();
            int space = name.indexOf(' ');
            subject = space > 0 && name.substring(0, space).matches("[0-9a-f]{4,64}") ? name.substring(space + 1) : null;
        }
        return subject == null || subject.isBlank() ? shortHash : subject.strip() + " · " + shortHash;
    }

    /** The last part of a path or URL ({@code s3://bucket/data/train.parquet} → {@code train.parquet}). */
    static String lastSegment(String name) {
        String trimmed = name;
        while (trimmed.length() > 1 && (trimmed.endsWith("/") || trimmed.endsWith(":"))) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':'));
        String last = cut >= 0 && cut < trimmed.length() - 1 ? trimmed.substring(cut + 1) : trimmed;
        return last.isBlank() ? name : last;
    }
}
