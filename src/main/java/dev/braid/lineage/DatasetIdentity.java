package dev.braid.lineage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the ways systems name a dataset into one (namespace, name) pair, so that an MLflow dataset
 * source {@code s3://bucket/path/file.parquet}, an OpenLineage dataset with namespace
 * {@code s3://bucket} and name {@code path/file.parquet}, and a DVC path pushed to a
 * path-preserving remote all become the node {@code dataset:s3://bucket:path/file.parquet}. The
 * rules are those of docs/decisions/0008-lineage-identity.md; the namespace and name follow
 * OpenLineage's naming conventions wherever those say something.
 */
public final class DatasetIdentity {
    private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]+):(.*)", Pattern.DOTALL);
    /** Namespace used for datasets on the local file system, as OpenLineage names it. */
    public static final String LOCAL_FILES = "file";

    private DatasetIdentity() {
    }

    /** A dataset's normalised namespace and name. */
    public record DatasetName(String namespace, String name) {
        public DatasetName {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            if (namespace.isEmpty() || name.isEmpty()) {
                throw new IllegalArgumentException("a dataset needs a namespace and a name: " + namespace + " " + name);
            }
        }

        /** {@code dataset:<namespace>:<name>} */
        public NodeId nodeId() {
            return NodeId.of(NodeKind.DATASET, namespace + ":" + name);
        }

        /** {@code dataset-version:<namespace>:<name>@<version>}; the version is what follows the last {@code @}. */
        public NodeId versionId(String version) {
            if (version == null || version.isBlank()) {
                throw new IllegalArgumentException("a dataset version needs a version");
            }
            return NodeId.of(NodeKind.DATASET_VERSION, namespace + ":" + name + "@" + version.strip());
        }

        /** The location as one URI-like string, for display. */
        public String uri() {
            if (namespace.equals(LOCAL_FILES)) {
                return "file://" + name;
            }
            return namespace.contains("://") ? namespace + "/" + name : namespace + ":" + name;
        }
    }

    /**
     * A location written as one string: an MLflow dataset source, a DVC dependency on a URL, a
     * {@code file://} URI or a plain path (taken as a local file; relative paths stay relative).
     */
    public static DatasetName fromUri(String location) {
        String text = requireText(location, "location");
        Matcher m = SCHEME.matcher(text);
        if (!m.matches()) {
            return localFile(text, false);
        }
        String scheme = scheme(m.group(1));
        String rest = m.group(2);
        if (!rest.startsWith("//")) {
            // "file:/abs/path" or an opaque form such as "bigquery:project.table".
            return scheme.equals("file") ? localFile(rest, true) : new DatasetName(scheme, rest);
        }
        rest = rest.substring(2);
        int pathStart = indexOfAny(rest, "/?#");
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String tail = pathStart < 0 ? "" : rest.substring(pathStart);
        if (scheme.equals("file")) {
            String host = authority.toLowerCase(Locale.ROOT);
            DatasetName file = localFile(stripQuery(tail), true);
            return host.isEmpty() || host.equals("localhost") ? file : new DatasetName("file://" + host, file.name());
        }
        boolean web = scheme.equals("http") || scheme.equals("https");
        String query = "";
        int cut = indexOfAny(tail, web ? "#" : "?#");
        if (cut >= 0) {
            tail = tail.substring(0, cut);
        }
        if (web) {
            int q = tail.indexOf('?');
            if (q >= 0) {
                query = tail.substring(q);
                tail = tail.substring(0, q);
            }
        }
        return new DatasetName(namespace(scheme, authority), objectName(tail) + query);
    }

    /** An OpenLineage dataset's {@code namespace} and {@code name}. */
    public static DatasetName fromOpenLineage(String namespace, String name) {
        String ns = requireText(namespace, "namespace");
        String n = requireText(name, "name");
        Matcher m = SCHEME.matcher(ns);
        if (ns.equalsIgnoreCase(LOCAL_FILES)) {
            return localFile(n, false);
        }
        if (!m.matches() || !m.group(2).startsWith("//")) {
            // Not a URI (a plain namespace such as "bigquery" or "my-team"): kept as given.
            return new DatasetName(trimSlashes(ns), n);
        }
        String scheme = scheme(m.group(1));
        String authority = trimSlashes(m.group(2).substring(2));
        if (scheme.equals("file")) {
            String host = authority.toLowerCase(Locale.ROOT);
            DatasetName file = localFile(n.startsWith("/") ? n : "/" + n, false);
            return host.isEmpty() || host.equals("localhost") ? file : new DatasetName("file://" + host, file.name());
        }
        return new DatasetName(namespace(scheme, authority), objectName(n));
    }

    /**
     * A path tracked by DVC in a repository. A dependency that is itself a URL is that URL. With a
     * path-preserving remote (DVC's {@code version_aware} or {@code worktree} remotes, which store
     * files under their workspace paths) the dataset is the remote URL joined with the path;
     * otherwise the remote stores files by content hash only, so the dataset is named by the
     * repository ({@link LineageIds#repoKey}) and the path, or is a local file for a repository
     * known only by its folder.
     */
    public static DatasetName fromDvc(String repository, String path, String remoteUrl, boolean pathPreservingRemote) {
        String p = requireText(path, "path");
        if (SCHEME.matcher(p).matches() && p.contains("://")) {
            return fromUri(p);
        }
        String relative = objectName(p.replace('\\', '/'));
        if (remoteUrl != null && !remoteUrl.isBlank() && pathPreservingRemote) {
            return fromUri(trimSlashes(remoteUrl.strip()) + "/" + relative);
        }
        String repo = LineageIds.repoKey(requireText(repository, "repository"));
        if (repo.startsWith("/")) {
            return localFile(repo + "/" + relative, false);
        }
        return new DatasetName(repo, relative);
    }

    private static DatasetName localFile(String path, boolean percentEncoded) {
        String p = percentEncoded ? percentDecode(path) : path;
        p = p.replace('\\', '/');
        boolean absolute = p.startsWith("/");
        String normal = normalisePath(p);
        return new DatasetName(LOCAL_FILES, absolute ? "/" + normal : normal.isEmpty() ? "." : normal);
    }

    private static String namespace(String scheme, String authority) {
        String a = authority;
        if (scheme.equals("http") || scheme.equals("https")) {
            int at = a.lastIndexOf('@');
            a = at >= 0 ? a.substring(at + 1) : a;
            String defaultPort = scheme.equals("http") ? ":80" : ":443";
            if (a.endsWith(defaultPort)) {
                a = a.substring(0, a.length() - defaultPort.length());
            }
        }
        return scheme + "://" + a.toLowerCase(Locale.ROOT);
    }

    /** A path below a namespace: no leading or trailing slash, no empty, "." or ".." segments; "/" for the root. */
    private static String objectName(String path) {
        String normal = normalisePath(path);
        return normal.isEmpty() ? "/" : normal;
    }

    private static String normalisePath(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!path.startsWith("/")) {
                    parts.addLast(segment);
                }
                continue;
            }
            parts.addLast(segment);
        }
        return String.join("/", parts);
    }

    private static String scheme(String raw) {
        String s = raw.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "s3a", "s3n" -> "s3";
            case "gcs" -> "gs";
            default -> s;
        };
    }

    private static String stripQuery(String tail) {
        int cut = indexOfAny(tail, "?#");
        return cut < 0 ? tail : tail.substring(0, cut);
    }

    private static String trimSlashes(String s) {
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a dataset's " + what + " is empty");
        }
        return value.strip();
    }
}
