package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.lineage.OpenLineageReceiver;
import dev.braid.store.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window's receiver takes its address from the settings and its token from the variable they name. */
class WorkbenchReceiverSettingsTest {
    @Test
    void theDefaultIsLocalOnlyWithoutAToken() {
        OpenLineageReceiver.Settings settings = Workbench.receiverSettings(Settings.Receiver.DEFAULT, Map.of());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(5050, settings.port());
        assertNull(settings.token());
    }

    @Test
    void theTokenIsReadFromTheNamedVariableAtEachStart() {
        Settings.Receiver chosen = new Settings.Receiver("0.0.0.0", 6060, "OL_TOKEN");
        OpenLineageReceiver.Settings settings = Workbench.receiverSettings(chosen, Map.of("OL_TOKEN", "s3cret"));
        assertEquals("0.0.0.0", settings.host());
        assertEquals(6060, settings.port());
        assertEquals("s3cret", settings.token());
        IllegalArgumentException unset = assertThrows(IllegalArgumentException.class, () -> Workbench.receiverSettings(chosen, Map.of()));
        assertEquals("the environment variable OL_TOKEN is not set or empty", unset.getMessage());
    }
}
