package dev.braid.lineage;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id grammar of docs/decisions/0008-lineage-identity.md for every kind but datasets (see
 * {@link DatasetIdentity}): repositories and commits by their normalised repository, OpenLineage
 * jobs by namespace and name and their runs by run id, MLflow objects by source name and MLflow's
 * own ids.
 */
public final class LineageIds {
    private static final Pattern URL = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]+)://([^/]*)(.*)", Pattern.DOTALL);
    private static final Pattern SCP = Pattern.compile("(?:[^@/]+@)?([^:/]{2,}):(?!//)(.*)", Pattern.DOTALL);

    private LineageIds() {
    }

    /**
     * A repository's key: {@code host/path} for a remote (scheme, user, port and {@code .git}
     * dropped, host lower-cased), so https, ssh and scp-style addresses of one repository agree;
     * a normalised absolute folder for a repository known only by its path.
     */
    public static String repoKey(String urlOrPath) {
        if (urlOrPath == null || urlOrPath.isBlank()) {
            throw new IllegalArgumentException("a repository needs an address or a path");
        }
        String s = urlOrPath.strip();
        Matcher url = URL.matcher(s);
        if (url.matches()) {
            if (url.group(1).equalsIgnoreCase("file")) {
                return folder(url.group(3));
            }
            return remote(url.group(2), url.group(3));
        }
        Matcher scp = SCP.matcher(s);
        if (scp.matches() && !s.startsWith("/") && !s.startsWith(".")) {
            return remote(scp.group(1), "/" + scp.group(2));
        }
        return folder(s);
    }

    public static NodeId repository(String urlOrPath) {
        return NodeId.of(NodeKind.REPOSITORY, repoKey(urlOrPath));
    }

    /** {@code commit:<repo key>:<sha>}, the hash lower-cased. */
    public static NodeId commit(String repoUrlOrPath, String sha) {
        return NodeId.of(NodeKind.COMMIT, repoKey(repoUrlOrPath) + ":" + hash(sha));
    }

    /** The repository node for a key {@link #repoKey} already produced. */
    public static NodeId repositoryForKey(String key) {
        return NodeId.of(NodeKind.REPOSITORY, key);
    }

    /** The commit node for a repository key {@link #repoKey} already produced. */
    public static NodeId commitForKey(String key, String sha) {
        return NodeId.of(NodeKind.COMMIT, key + ":" + hash(sha));
    }

    /** A commit whose repository is not known: {@code commit:unknown:<sha>}. */
    public static NodeId commitInUnknownRepository(String sha) {
        return NodeId.of(NodeKind.COMMIT, "unknown:" + hash(sha));
    }

    public static NodeId job(String namespace, String name) {
        return NodeId.of(NodeKind.JOB, namespace.strip() + ":" + name.strip());
    }

    /** OpenLineage run ids are UUIDs, unique without their job: {@code job-run:<uuid>}, lower case. */
    public static NodeId jobRun(String runId) {
        return NodeId.of(NodeKind.JOB_RUN, runId.strip().toLowerCase(Locale.ROOT));
    }

    public static NodeId mlflowRun(String source, String runId) {
        return NodeId.of(NodeKind.EXPERIMENT_RUN, source + ":" + runId);
    }

    public static NodeId model(String source, String name) {
        return NodeId.of(NodeKind.MODEL, source + ":" + name);
    }

    public static NodeId modelVersion(String source, String name, String version) {
        return NodeId.of(NodeKind.MODEL_VERSION, source + ":" + name + "/" + version);
    }

    public static NodeId alias(String source, String name, String alias) {
        return NodeId.of(NodeKind.ALIAS, source + ":" + name + "@" + alias);
    }

    public static NodeId loggedModel(String source, String modelId) {
        return NodeId.of(NodeKind.LOGGED_MODEL, source + ":" + modelId);
    }

    /** A file or folder a run logged, by its path under the run's artifact root. */
    public static NodeId artifact(String source, String runId, String path) {
        return NodeId.of(NodeKind.ARTIFACT, source + ":" + runId + "/" + path);
    }

    private static String remote(String authority, String path) {
        String host = authority;
        int at = host.lastIndexOf('@');
        host = at >= 0 ? host.substring(at + 1) : host;
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        String p = path;
        int cut = p.indexOf('?') >= 0 ? p.indexOf('?') : p.indexOf('#');
        p = cut >= 0 ? p.substring(0, cut) : p;
        p = trim(p);
        if (p.endsWith(".git")) {
            p = trim(p.substring(0, p.length() - 4));
        }
        return host.toLowerCase(Locale.ROOT) + (p.isEmpty() ? "" : "/" + p);
    }

    private static String folder(String path) {
        String normal = Path.of(path).toAbsolutePath().normalize().toString().replace('\\', '/');
        if (normal.endsWith("/.git")) {
            normal = normal.substring(0, normal.length() - 5);
        }
        while (normal.length() > 1 && normal.endsWith("/")) {
            normal = normal.substring(0, normal.length() - 1);
        }
        return normal;
    }

    private static String trim(String p) {
        int start = 0;
        int end = p.length();
        while (start < end && p.charAt(start) == '/') {
            start++;
        }
        while (end > start && p.charAt(end - 1) == '/') {
            end--;
        }
        return p.substring(start, end);
    }

    private static String hash(String sha) {
        if (sha == null || !sha.strip().matches("[0-9a-fA-F]{4,64}")) {
            throw new IllegalArgumentException("not a commit hash: " + sha);
        }
        return sha.strip().toLowerCase(Locale.ROOT);
    }
}
