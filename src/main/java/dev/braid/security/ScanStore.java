package dev.braid.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.security.scan.FileReport;
import dev.braid.security.scan.Rating;
import dev.braid.security.scan.ScanJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The scan tables of migration 060: results per content hash, where hashes were found, version summaries. */
final class ScanStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a file was found and the content hash it had. */
    record Target(String kind, long sourceId, String owner, String path, String version, Long size, String sha256) {
    }

    /** A stored result for one content hash under one policy. */
    record Result(String sha256, long size, String format, Rating rating, Instant scannedAt, String report) {
        FileScan at(String path) {
            JsonNode node = parse(report);
            return new FileScan(path, sha256, size, format, rating, ScanJson.findings(node), ScanJson.imports(node), scannedAt);
        }
    }

    Optional<Result> result(Connection c, String sha, String policy) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT size, format, rating, scanned_at, report FROM scan_results"
                + " WHERE sha256 = ? AND policy = ?")) {
            st.setString(1, sha);
            st.setString(2, policy);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Result(sha, rs.getLong(1), rs.getString(2), Rating.ofWord(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5))) : Optional.empty();
            }
        }
    }

    void saveResult(Connection c, FileReport report, String policy, String scanner, Instant at) throws SQLException {
        JsonNode json = ScanJson.file(report);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("path", "");
        try (PreparedStatement st = c.prepareStatement("INSERT INTO scan_results(sha256, policy, size, format, rating,"
                + " scanner, scanned_at, millis, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
                + " size = excluded.size, format = excluded.format, rating = excluded.rating, scanner = excluded.scanner,"
                + " scanned_at = excluded.scanned_at, millis = excluded.millis, report = excluded.report")) {
            st.setString(1, report.sha256());
            st.setString(2, policy);
            st.setLong(3, report.size());
            st.setString(4, report.format().id());
            st.setString(5, report.rating().word());
            st.setString(6, scanner);
            st.setLong(7, at.toEpochMilli());
            st.setLong(8, report.millis());
            st.setString(9, json.toString());
            st.executeUpdate();
        }
    }

    Optional<Target> target(Connection c, String kind, long sourceId, String owner, String path) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT version, size, sha256 FROM scan_targets"
                + " WHERE kind = ? AND source_id = ? AND owner = ? AND path = ?")) {
            st.setString(1, kind);
            st.setLong(2, sourceId);
            st.setString(3, owner);
            st.setString(4, path);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Long size = nullableLong(rs, 2);
                return Optional.of(new Target(kind, sourceId, owner, path, rs.getString(1), size, rs.getString(3)));
            }
        }
    }

    void saveTarget(Connection c, Target t, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO scan_targets(kind, source_id, owner, path, version, size,"
                + " sha256, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET version = excluded.version,"
                + " size = excluded.size, sha256 = excluded.sha256, seen_at = excluded.seen_at")) {
            st.setString(1, t.kind());
            st.setLong(2, t.sourceId());
            st.setString(3, t.owner());
            st.setString(4, t.path());
            st.setString(5, t.version());
            if (t.size() == null) {
                st.setNull(6, java.sql.Types.INTEGER);
            } else {
                st.setLong(6, t.size());
            }
            st.setString(7, t.sha256());
            st.setLong(8, at.toEpochMilli());
            st.executeUpdate();
        }
    }

    /** The targets of one owner whose path is {@code folder} or under it ({@code ""} for all), by path. */
    List<Target> targets(Connection c, String kind, long sourceId, String owner, String folder) throws SQLException {
        List<Target> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT path, version, size, sha256 FROM scan_targets"
                + " WHERE kind = ? AND source_id = ? AND owner = ? AND (? = '' OR path = ? OR substr(path, 1, ?) = ?)"
                + " ORDER BY path")) {
            st.setString(1, kind);
            st.setLong(2, sourceId);
            st.setString(3, owner);
            st.setString(4, folder);
            st.setString(5, folder);
            st.setInt(6, folder.length() + 1);
            st.setString(7, folder + "/");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Target(kind, sourceId, owner, rs.getString(1), rs.getString(2), nullableLong(rs, 3),
                            rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** DVC targets whose recorded version (md5) is one of the given, for lineage nodes. */
    List<Target> targetsByVersion(Connection c, String kind, String version) throws SQLException {
        List<Target> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT source_id, owner, path, size, sha256 FROM scan_targets"
                + " WHERE kind = ? AND version = ?")) {
            st.setString(1, kind);
            st.setString(2, version);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Target(kind, rs.getLong(1), rs.getString(2), rs.getString(3), version,
                            nullableLong(rs, 4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    void saveVersionScan(Connection c, VersionRef v, String owner, String folder, Rating rating, int files, String policy,
                         Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO version_scans(source_id, model, version, owner, folder,"
                + " rating, files, policy, scanned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
                + " owner = excluded.owner, folder = excluded.folder, rating = excluded.rating, files = excluded.files,"
                + " policy = excluded.policy, scanned_at = excluded.scanned_at")) {
            st.setLong(1, v.sourceId());
            st.setString(2, v.model());
            st.setString(3, v.version());
            st.setString(4, owner);
            st.setString(5, folder);
            st.setString(6, rating.word());
            st.setInt(7, files);
            st.setString(8, policy);
            st.setLong(9, at.toEpochMilli());
            st.executeUpdate();
        }
    }

    /** The stored summary of a version: owner, folder, rating, files, policy, time. */
    record VersionRow(String owner, String folder, Rating rating, int files, String policy, Instant scannedAt) {
    }

    Optional<VersionRow> versionScan(Connection c, long sourceId, String model, String version) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT owner, folder, rating, files, policy, scanned_at"
                + " FROM version_scans WHERE source_id = ? AND model = ? AND version = ?")) {
            st.setLong(1, sourceId);
            st.setString(2, model);
            st.setString(3, version);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new VersionRow(rs.getString(1), rs.getString(2), Rating.ofWord(rs.getString(3)),
                        rs.getInt(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)))) : Optional.empty();
            }
        }
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored scan report is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
