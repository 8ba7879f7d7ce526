package dev.braid.artifacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Artifactory tables (migration 120): repositories, files, builds and what builds produced and used. */
final class ArtifactoryStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    void saveRepository(Connection c, long sourceId, ArtifactoryClient.Repository repo) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO artifactory_repos(source_id, repo, type, package_type)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT(source_id, repo) DO UPDATE SET type = excluded.type,"
                + " package_type = excluded.package_type")) {
            st.setLong(1, sourceId);
            st.setString(2, repo.key());
            st.setString(3, repo.type());
            st.setString(4, repo.packageType());
            st.executeUpdate();
        }
    }

    /** What saving a file did. */
    enum Saved { ADDED, CHANGED, SAME }

    /** Inserts or updates {@code file}. */
    Saved saveFile(Connection c, long sourceId, ArtifactoryFile file) throws SQLException {
        String before = fileState(c, sourceId, file.repo(), file.path());
        String after = file.modified() + "|" + lower(file.sha256()) + "|" + lower(file.sha1()) + "|" + json(file.properties());
        if (after.equals(before)) {
            return Saved.SAME;
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO artifactory_files(source_id, repo, path, size, modified,"
                + " modified_ms, sha256, sha1, md5, properties) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT(source_id, repo, path) DO UPDATE SET size = excluded.size, modified = excluded.modified,"
                + " modified_ms = excluded.modified_ms, sha256 = excluded.sha256, sha1 = excluded.sha1, md5 = excluded.md5,"
                + " properties = excluded.properties")) {
            st.setLong(1, sourceId);
            st.setString(2, file.repo());
            st.setString(3, file.path());
            if (file.size() == null) {
                st.setNull(4, Types.INTEGER);
            } else {
                st.setLong(4, file.size());
            }
            st.setString(5, file.modified());
            st.setLong(6, file.modifiedMs());
            st.setString(7, lower(file.sha256()));
            st.setString(8, lower(file.sha1()));
            st.setString(9, lower(file.md5()));
            st.setString(10, json(file.properties()));
            st.executeUpdate();
        }
        return before == null ? Saved.ADDED : Saved.CHANGED;
    }

    /** What tells a changed file from an unchanged one; null when it is not cached. */
    private static String fileState(Connection c, long sourceId, String repo, String path) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT modified || '|' || ifnull(sha256, 'null') || '|' ||"
                + " ifnull(sha1, 'null') || '|' || properties FROM artifactory_files WHERE source_id = ? AND repo = ? AND path = ?")) {
            st.setLong(1, sourceId);
            st.setString(2, repo);
            st.setString(3, path);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Removes the cached files of {@code repo} whose paths are not in {@code present}; how many went. */
    long removeFilesExcept(Connection c, long sourceId, String repo, Set<String> present) throws SQLException {
        List<String> gone = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT path FROM artifactory_files WHERE source_id = ? AND repo = ?")) {
            st.setLong(1, sourceId);
            st.setString(2, repo);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!present.contains(rs.getString(1))) {
                        gone.add(rs.getString(1));
                    }
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM artifactory_files WHERE source_id = ? AND repo = ? AND path = ?")) {
            for (String path : gone) {
                st.setLong(1, sourceId);
                st.setString(2, repo);
                st.setString(3, path);
                st.executeUpdate();
            }
        }
        return gone.size();
    }

    /** Removes the files and repository rows of repositories the source no longer follows. */
    long removeRepositoriesExcept(Connection c, long sourceId, Collection<String> repos) throws SQLException {
        long removed = 0;
        Set<String> keep = new HashSet<>(repos);
        for (String repo : column(c, "SELECT DISTINCT repo FROM artifactory_files WHERE source_id = ?", sourceId)) {
            if (!keep.contains(repo)) {
                removed += removeFilesExcept(c, sourceId, repo, Set.of());
            }
        }
        for (String repo : column(c, "SELECT repo FROM artifactory_repos WHERE source_id = ?", sourceId)) {
            if (!keep.contains(repo)) {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM artifactory_repos WHERE source_id = ? AND repo = ?")) {
                    st.setLong(1, sourceId);
                    st.setString(2, repo);
                    st.executeUpdate();
                }
            }
        }
        return removed;
    }

    /** The cached numbers of {@code build}. */
    Set<String> buildNumbers(Connection c, long sourceId, String build) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT number FROM artifactory_builds WHERE source_id = ? AND name = ?")) {
            st.setLong(1, sourceId);
            st.setString(2, build);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Replaces one build run and its items; true when it was not cached before. */
    boolean saveBuild(Connection c, long sourceId, ArtifactoryBuild build) throws SQLException {
        boolean known = buildNumbers(c, sourceId, build.name()).contains(build.number());
        removeBuild(c, sourceId, build.name(), build.number());
        try (PreparedStatement st = c.prepareStatement("INSERT INTO artifactory_builds(source_id, name, number, started,"
                + " started_ms, vcs_revision, vcs_url, vcs_branch, ci_url, agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, sourceId);
            st.setString(2, build.name());
            st.setString(3, build.number());
            st.setString(4, build.started());
            st.setLong(5, build.startedMs());
            st.setString(6, lower(build.vcsRevision()));
            st.setString(7, build.vcsUrl());
            st.setString(8, build.vcsBranch());
            st.setString(9, build.ciUrl());
            st.setString(10, build.agent());
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO artifactory_build_items(source_id, name, number, seq,"
                + " module, role, item, type, sha256, sha1, md5) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (ArtifactoryBuild.Item item : build.items()) {
                st.setLong(1, sourceId);
                st.setString(2, build.name());
                st.setString(3, build.number());
                st.setInt(4, seq++);
                st.setString(5, item.module());
                st.setString(6, item.role());
                st.setString(7, item.name());
                st.setString(8, item.type());
                st.setString(9, lower(item.sha256()));
                st.setString(10, lower(item.sha1()));
                st.setString(11, lower(item.md5()));
                st.executeUpdate();
            }
        }
        return !known;
    }

    void removeBuild(Connection c, long sourceId, String name, String number) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM artifactory_build_items WHERE source_id = ? AND name = ? AND number = ?")) {
            st.setLong(1, sourceId);
            st.setString(2, name);
            st.setString(3, number);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM artifactory_builds WHERE source_id = ? AND name = ? AND number = ?")) {
            st.setLong(1, sourceId);
            st.setString(2, name);
            st.setString(3, number);
            st.executeUpdate();
        }
    }

    /** Every cached build name of the source. */
    Set<String> buildNames(Connection c, long sourceId) throws SQLException {
        return new HashSet<>(column(c, "SELECT DISTINCT name FROM artifactory_builds WHERE source_id = ?", sourceId));
    }

    /** The cached files of a source, by repository and path. */
    List<ArtifactoryFile> files(Connection c, long sourceId) throws SQLException {
        List<ArtifactoryFile> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT repo, path, size, modified, modified_ms, sha256, sha1, md5,"
                + " properties FROM artifactory_files WHERE source_id = ? ORDER BY repo, path")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Long size = rs.getObject(3) == null ? null : rs.getLong(3);
                    out.add(new ArtifactoryFile(rs.getString(1), rs.getString(2), size, rs.getString(4), rs.getLong(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), properties(rs.getString(9))));
                }
            }
        }
        return out;
    }

    /** The cached builds of a source, newest first, with their items. */
    List<ArtifactoryBuild> builds(Connection c, long sourceId) throws SQLException {
        List<ArtifactoryBuild> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT name, number, started, started_ms, vcs_revision, vcs_url,"
                + " vcs_branch, ci_url, agent FROM artifactory_builds WHERE source_id = ? ORDER BY started_ms DESC, name, number")) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ArtifactoryBuild(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            items(c, sourceId, rs.getString(1), rs.getString(2))));
                }
            }
        }
        return out;
    }

    private static List<ArtifactoryBuild.Item> items(Connection c, long sourceId, String name, String number) throws SQLException {
        List<ArtifactoryBuild.Item> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT module, role, item, type, sha256, sha1, md5 FROM"
                + " artifactory_build_items WHERE source_id = ? AND name = ? AND number = ? ORDER BY seq")) {
            st.setLong(1, sourceId);
            st.setString(2, name);
            st.setString(3, number);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ArtifactoryBuild.Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    private static List<String> column(Connection c, String sql, long sourceId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static Map<String, List<String>> properties(String json) {
        try {
            return JSON.readValue(json == null ? "{}" : json, new TypeReference<Map<String, List<String>>>() { });
        } catch (JsonProcessingException e) {
            return Map.of(); // a hand-edited cache row: the file without its properties
        }
    }

    private static String json(Map<String, List<String>> properties) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(properties));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lower(String hex) {
        return hex == null ? null : hex.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
