package dev.braid.lineage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives the lineage an Artifactory source holds from its cached files and builds (migration 120),
 * ADR 25: commit → build ({@code built-from}), build → each artifact it produced ({@code output}),
 * each dependency it used → build ({@code input}), and each file as a version of a dataset named by
 * its place ({@code artifactory://<host>/<repo>} + path).
 *
 * <p><b>Identity by checksum.</b> A version is its bytes: before naming one, the checksums
 * Artifactory reports (sha256, sha1, md5) are looked up among the versions other sources named
 * (DVC records a file's md5, an OpenLineage producer may give a hash as {@code datasetVersion}); a
 * match is that node, so the same file seen by DVC and Artifactory is one node. Otherwise every copy
 * of the same bytes in this Artifactory (a model promoted from staging to production) is one
 * version, named after its first place; its places and properties show on the node. A build item
 * is matched to a file by checksum the same way; one no file holds is a version of its module.
 * MLflow runs whose artifact files Braid hashed (scanning them) point to the version with the same
 * sha256 ({@code logged}).
 */
final class ArtifactoryEdges {
    static final NodeKind BUILD = new NodeKind("build");
    private static final ObjectMapper JSON = new ObjectMapper();

    static String assertedBy(String sourceName) {
        return "artifactory:" + sourceName;
    }

    /** {@code build:<source>:<build name>/<number>}. */
    static NodeId build(String sourceName, String name, String number) {
        return NodeId.of(BUILD, sourceName + ":" + name + "/" + number);
    }

    private record Content(String sha256, String sha1, String md5) {
        String best() {
            return sha256 != null ? sha256 : sha1 != null ? sha1 : md5;
        }

        List<String> all() {
            List<String> out = new ArrayList<>();
            for (String s : new String[] {sha256, sha1, md5}) {
                if (s != null && !s.isBlank()) {
                    out.add(s.toLowerCase(Locale.ROOT));
                }
            }
            return out;
        }
    }

    private record Place(String repo, String path, long modifiedMs, String properties, Content content) {
    }

    GraphChanges derive(Connection c, long sourceId, String sourceName, String baseUrl, Instant now) throws SQLException {
        GraphChanges.Builder out = GraphChanges.builder();
        String by = assertedBy(sourceName);
        String host = host(baseUrl);
        Map<String, NodeId> elsewhere = versionsNamedElsewhere(c);
        Map<String, String> packageTypes = packageTypes(c, sourceId);
        List<Place> places = places(c, sourceId);
        // One version per content: the first place (repo, path order) names it unless another source did.
        Map<String, NodeId> versionOf = new HashMap<>();
        Map<NodeId, List<Place>> placesOf = new LinkedHashMap<>();
        for (Place place : places) {
            NodeId version = null;
            for (String sum : place.content().all()) {
                version = versionOf.get(sum);
                if (version == null) {
                    version = elsewhere.get(sum);
                }
                if (version != null) {
                    break;
                }
            }
            if (version == null) {
                if (place.content().best() == null) {
                    continue;
                }
                version = dataset(host, place).versionId(place.content().best());
            }
            for (String sum : place.content().all()) {
                versionOf.putIfAbsent(sum, version);
            }
            placesOf.computeIfAbsent(version, v -> new ArrayList<>()).add(place);
        }
        for (Map.Entry<NodeId, List<Place>> entry : placesOf.entrySet()) {
            NodeId version = entry.getKey();
            List<String> where = new ArrayList<>();
            Map<String, String> props = new LinkedHashMap<>();
            for (Place place : entry.getValue()) {
                where.add(place.repo() + "/" + place.path());
                DatasetIdentity.DatasetName name = dataset(host, place);
                Map<String, String> datasetProps = new LinkedHashMap<>();
                datasetProps.put("namespace", name.namespace());
                datasetProps.put("repository", place.repo());
                if (packageTypes.get(place.repo()) != null) {
                    datasetProps.put("packageType", packageTypes.get(place.repo()));
                }
                out.node(name.nodeId(), place.path(), datasetProps);
                Instant at = place.modifiedMs() > 0 ? Instant.ofEpochMilli(place.modifiedMs()) : now;
                out.edge(name.nodeId(), version, EdgeKind.VERSION, by, at);
                Map<String, List<String>> properties = properties(place.properties());
                for (Map.Entry<String, List<String>> p : new TreeMap<>(properties).entrySet()) {
                    props.merge("property." + p.getKey(), String.join(", ", p.getValue()), (a, b) -> a.equals(b) ? a : a + "; " + b);
                }
            }
            Place first = entry.getValue().get(0);
            props.put("artifactory", sourceName);
            props.put("repositories", String.join(", ", entry.getValue().stream().map(Place::repo).distinct().toList()));
            props.put("locations", String.join(", ", where));
            putSums(props, first.content());
            String shortSum = first.content().best().substring(0, Math.min(8, first.content().best().length()));
            out.nodeWithFallbackName(version, first.path().substring(first.path().lastIndexOf('/') + 1) + "@" + shortSum, props);
            if (first.content().sha256() != null) {
                mlflowRunsThatLogged(c, first.content().sha256(), version, by, now, out);
            }
        }
        builds(c, sourceId, sourceName, host, versionOf, elsewhere, by, now, out);
        return out.build();
    }

    private void builds(Connection c, long sourceId, String sourceName, String host, Map<String, NodeId> versionOf,
                        Map<String, NodeId> elsewhere, String by, Instant now, GraphChanges.Builder out) throws SQLException {
        Repositories repos = Repositories.read(c);
        Map<String, NodeId> buildNodes = new LinkedHashMap<>();
        Map<String, Instant> times = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT name, number, started_ms, vcs_revision, vcs_url, vcs_branch,"
                + " ci_url, agent FROM artifactory_builds WHERE source_id = ? ORDER BY name, number")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String number = rs.getString(2);
                    NodeId node = build(sourceName, name, number);
                    Instant at = rs.getLong(3) > 0 ? Instant.ofEpochMilli(rs.getLong(3)) : now;
                    buildNodes.put(name + "\n" + number, node);
                    times.put(name + "\n" + number, at);
                    Map<String, String> props = new LinkedHashMap<>();
                    props.put("artifactory", sourceName);
                    props.put("build", name);
                    props.put("number", number);
                    putIf(props, "vcsRevision", rs.getString(4));
                    putIf(props, "vcsUrl", rs.getString(5));
                    putIf(props, "vcsBranch", rs.getString(6));
                    putIf(props, "ciUrl", rs.getString(7));
                    putIf(props, "agent", rs.getString(8));
                    out.node(node, name + " #" + number, "", at, props);
                    String sha = rs.getString(4);
                    if (sha != null && sha.matches("[0-9a-fA-F]{4,64}")) {
                        repos.commitEdges(sha, rs.getString(5), node, by, at, out);
                    }
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("SELECT name, number, module, role, item, sha256, sha1, md5 FROM"
                + " artifactory_build_items WHERE source_id = ? ORDER BY name, number, seq")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "\n" + rs.getString(2);
                    NodeId buildNode = buildNodes.get(key);
                    if (buildNode == null) {
                        continue;
                    }
                    Content content = new Content(rs.getString(6), rs.getString(7), rs.getString(8));
                    NodeId version = null;
                    for (String sum : content.all()) {
                        version = versionOf.getOrDefault(sum, elsewhere.get(sum));
                        if (version != null) {
                            break;
                        }
                    }
                    if (version == null) {
                        if (content.best() == null) {
                            continue;
                        }
                        // Built or fetched but held by no repository this source follows: a version of its module.
                        DatasetIdentity.DatasetName module = new DatasetIdentity.DatasetName("artifactory-build://" + host,
                                rs.getString(3) + "/" + rs.getString(5));
                        version = module.versionId(content.best());
                        Map<String, String> props = new LinkedHashMap<>();
                        props.put("artifactory", sourceName);
                        props.put("module", rs.getString(3));
                        putSums(props, content);
                        out.node(module.nodeId(), rs.getString(5), Map.of("namespace", module.namespace()));
                        out.nodeWithFallbackName(version, rs.getString(5) + "@"
                                + content.best().substring(0, Math.min(8, content.best().length())), props);
                        out.edge(module.nodeId(), version, EdgeKind.VERSION, by, times.get(key));
                    }
                    if ("artifact".equals(rs.getString(4))) {
                        out.edge(buildNode, version, EdgeKind.OUTPUT, by, times.get(key), Map.of("module", rs.getString(3)));
                    } else {
                        out.edge(version, buildNode, EdgeKind.INPUT, by, times.get(key), Map.of("module", rs.getString(3)));
                    }
                }
            }
        }
    }

    /** MLflow runs among whose artifacts Braid found a file with this sha256 (ADR 17's scan targets). */
    private static void mlflowRunsThatLogged(Connection c, String sha256, NodeId version, String by, Instant now,
                                             GraphChanges.Builder out) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT s.name, t.owner, t.path FROM scan_targets t JOIN sources s"
                + " ON s.id = t.source_id WHERE t.sha256 = ? AND t.kind = 'mlflow' AND t.owner LIKE 'run:%'")) {
            st.setString(1, sha256);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    NodeId run = LineageIds.mlflowRun(rs.getString(1), rs.getString(2).substring("run:".length()));
                    out.edge(run, version, EdgeKind.LOGGED, by, now, Map.of("path", rs.getString(3)));
                }
            }
        }
    }

    /** Versions other sources named, by the hash their id ends with (lower case). */
    private static Map<String, NodeId> versionsNamedElsewhere(Connection c) throws SQLException {
        Map<String, NodeId> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM lineage_nodes WHERE kind = 'dataset-version'"
                + " AND id NOT LIKE 'dataset-version:artifactory://%' AND id NOT LIKE 'dataset-version:artifactory-build://%'"
                + " ORDER BY id")) {
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String version = id.substring(id.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
                    if (version.matches("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}")) {
                        out.putIfAbsent(version, new NodeId(id));
                    }
                }
            }
        }
        return out;
    }

    private static List<Place> places(Connection c, long sourceId) throws SQLException {
        List<Place> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT repo, path, modified_ms, properties, sha256, sha1, md5"
                + " FROM artifactory_files WHERE source_id = ? ORDER BY repo, path")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Place(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            new Content(rs.getString(5), rs.getString(6), rs.getString(7))));
                }
            }
        }
        return out;
    }

    private static Map<String, String> packageTypes(Connection c, long sourceId) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT repo, package_type FROM artifactory_repos WHERE source_id = ?")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static DatasetIdentity.DatasetName dataset(String host, Place place) {
        return new DatasetIdentity.DatasetName("artifactory://" + host + "/" + place.repo(), place.path());
    }

    private static String host(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path;
    }

    private static void putSums(Map<String, String> props, Content content) {
        putIf(props, "sha256", content.sha256());
        putIf(props, "sha1", content.sha1());
        putIf(props, "md5", content.md5());
    }

    private static void putIf(Map<String, String> props, String key, String value) {
        if (value != null && !value.isBlank()) {
            props.put(key, value);
        }
    }

    private static Map<String, List<String>> properties(String json) {
        try {
            return JSON.readValue(json == null ? "{}" : json, new TypeReference<Map<String, List<String>>>() { });
        } catch (IOException e) {
            return Map.of();
        }
    }
}
