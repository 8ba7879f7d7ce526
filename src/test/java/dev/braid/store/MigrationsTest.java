package dev.braid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path tmp;

    @Test
    void upgradesFromEveryEarlierVersionAndKeepsTheData() throws Exception {
        Migrations migrations = Migrations.bundled();
        assertTrue(migrations.latestVersion() >= 2);
        for (int version = 1; version < migrations.latestVersion(); version++) {
            Path file = tmp.resolve("v" + version + ".db");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                migrations.migrate(c, version);
                assertEquals(version, Migrations.currentVersion(c));
                try (Statement st = c.createStatement()) {
                    for (String sql : Migrations.statements(fixture(migrations, version))) {
                        st.execute(sql);
                    }
                }
            }
            try (Database db = Database.open(file)) {
                assertEquals(migrations.latestVersion(), db.read(Migrations::currentVersion));
                assertEquals("kept-repo", db.read(c -> single(c, "SELECT name FROM sources WHERE id = 1")));
                assertEquals("SUCCEEDED", db.read(c -> single(c, "SELECT outcome FROM sync_runs WHERE source_id = 1")));
                assertEquals("ok", db.integrityCheck());
                if (version >= 5) {
                    // Raw OpenLineage events (schema 5 on) survive the move to a table in arrival order.
                    assertEquals("file:/tmp/events.jsonl:1", db.read(c -> single(c, "SELECT origin FROM lineage_events WHERE hash = '00ff'")));
                }
            }
        }
    }

    @Test
    void theLatestFixtureLoadsIntoTheLatestSchema() throws Exception {
        Migrations migrations = Migrations.bundled();
        Path file = tmp.resolve("latest.db");
        String latest = fixture(migrations, migrations.latestVersion());
        try (Database db = Database.open(file)) {
            db.write(c -> {
                try (Statement st = c.createStatement()) {
                    for (String sql : Migrations.statements(latest)) {
                        st.execute(sql);
                    }
                }
                return null;
            });
            assertEquals("kept commit", db.read(c -> single(c, "SELECT subject FROM commits WHERE id = 1")));
        }
    }

    @Test
    void splitsScriptsIntoStatementsAndDropsComments() {
        assertEquals(2, Migrations.statements("-- a comment\nCREATE TABLE a(x);\n\nCREATE TABLE b(\n  y\n);\n").size());
    }

    private static String single(Connection c, String sql) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * The data a Braid would have written right after the migration that made schema {@code version}:
     * {@code fixtures/<that migration's file name>}. Named by file rather than by number so that
     * migrations written side by side keep their fixtures when their order is settled.
     */
    private static String fixture(Migrations migrations, int version) throws Exception {
        String name = migrations.fileOf(version);
        try (InputStream in = MigrationsTest.class.getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new AssertionError("add src/test/resources/dev/braid/store/fixtures/" + name
                        + ": every schema version needs a fixture so upgrades from it are tested");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
