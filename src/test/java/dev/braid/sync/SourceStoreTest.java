package dev.braid.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Database;
import dev.braid.store.StoreException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceStoreTest {
    @TempDir
    Path tmp;
    Database db;
    SourceStore sources;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open(tmp.resolve("cache.db"));
        sources = new SourceStore(db, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void configurationComesBackAsItWasWritten() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("path", "/home/ada/Projekte/\u00fcbung \"eins\"\\zwei");
        config.put("uri", "http://127.0.0.1:5000/?a=1&b=\u2603");
        config.put("empty", "");
        config.put("newline", "line one\nline two\ttab \u0001");
        db.write(c -> sources.insert(c, "git", "repo", config));

        Source read = sources.findByName("repo").orElseThrow();
        assertEquals(config, read.config());
        assertEquals(config, sources.list().get(0).config());
    }

    @Test
    void configurationWrittenByHandIsReadWithNumbersAndBooleansAsText() {
        db.write(c -> sources.insert(c, "mlflow", "server", Map.of()));
        setConfig("{\"uri\": \"http://x\", \"port\": 5000, \"verify\": true, \"ratio\": 0.5}");

        assertEquals(Map.of("uri", "http://x", "port", "5000", "verify", "true", "ratio", "0.5"),
                sources.findByName("server").orElseThrow().config());
    }

    @Test
    void configurationThatIsNotAFlatObjectIsAClearError() {
        db.write(c -> sources.insert(c, "mlflow", "server", Map.of()));
        for (String bad : new String[] {"[1, 2]", "{\"a\": {\"b\": 1}}", "{\"a\": null}", "{\"a\": \"b\"", "not json"}) {
            setConfig(bad);
            StoreException e = assertThrows(StoreException.class, () -> sources.findByName("server"), bad);
            assertTrue(e.getMessage().contains("unreadable source configuration"), e.getMessage());
        }
    }

    private void setConfig(String json) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE sources SET config = ?")) {
                st.setString(1, json);
                return st.executeUpdate();
            }
        });
    }
}
