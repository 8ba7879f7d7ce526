package dev.braid.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThemeTest {

    @Test
    void readsTheSettingValueAndFallsBackToSystem() {
        assertEquals(Theme.DARK, Theme.fromSetting("dark"));
        assertEquals(Theme.LIGHT, Theme.fromSetting("light"));
        assertEquals(Theme.SYSTEM, Theme.fromSetting("purple"));
        assertEquals(Theme.SYSTEM, Theme.fromSetting(null));
    }

    @Test
    void systemIsLightUnlessTheDesktopThemeIsDark() {
        assertFalse(Theme.SYSTEM.isDark(Map.of()));
        assertTrue(Theme.SYSTEM.isDark(Map.of("GTK_THEME", "Adwaita:dark")));
        assertTrue(Theme.DARK.isDark(Map.of()));
        assertFalse(Theme.LIGHT.isDark(Map.of("GTK_THEME", "Adwaita:dark")));
    }

    @Test
    void immediateRunnerDeliversResultsAndFailuresAtOnce() {
        ImmediateTaskRunner runner = new ImmediateTaskRunner();
        StringBuilder seen = new StringBuilder();
        runner.run(() -> "ok", seen::append, failure -> seen.append("failed"));
        runner.run(() -> {
            throw new IllegalStateException("boom");
        }, value -> seen.append("unexpected"), failure -> seen.append(" ").append(failure.getMessage()));

        assertEquals("ok boom", seen.toString());
    }
}
