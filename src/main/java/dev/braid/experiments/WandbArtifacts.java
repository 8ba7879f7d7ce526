package dev.braid.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.experiments.wandb.WandbRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the artifacts a cached W&B run logged and used (migration 110), for its lineage. */
final class WandbArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WandbArtifacts() {
    }

    /**
     * Replaces run {@code pk}'s artifacts: those {@code run} logged, then the versions it used as a
     * server names them ({@code usedVersions}, with digest and number), then the uses an offline
     * log records by name.
     */
    static void replace(Connection c, long pk, WandbRun run, List<WandbRun.WandbArtifact> usedVersions) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM wandb_run_artifacts WHERE run_pk = ?")) {
            st.setLong(1, pk);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO wandb_run_artifacts(run_pk, seq, role, name, type, digest,"
                + " aliases, files, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (WandbRun.WandbArtifact a : run.logged()) {
                bind(st, pk, seq++, "logged", a.name(), a.type(), a.digest(), json(a.aliases()), json(files(a)), a.version());
            }
            for (WandbRun.WandbArtifact a : usedVersions) {
                bind(st, pk, seq++, "used", a.name(), a.type(), a.digest(), json(a.aliases()), json(files(a)), a.version());
            }
            for (WandbRun.WandbArtifactUse u : run.used()) {
                bind(st, pk, seq++, "used", u.name(), u.type(), null, "[]", "[]", null);
            }
            st.executeBatch();
        }
    }

    private static List<Map<String, Object>> files(WandbRun.WandbArtifact a) {
        return a.files().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f.path());
            m.put("digest", f.digest());
            m.put("size", f.size());
            if (f.ref() != null) {
                m.put("ref", f.ref());
            }
            return m;
        }).toList();
    }

    private static void bind(PreparedStatement st, long pk, int seq, String role, String name, String type, String digest,
                             String aliases, String files, String version) throws SQLException {
        st.setLong(1, pk);
        st.setInt(2, seq);
        st.setString(3, role);
        st.setString(4, name);
        st.setString(5, type);
        st.setString(6, digest);
        st.setString(7, aliases);
        st.setString(8, files);
        st.setString(9, version);
        st.addBatch();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
