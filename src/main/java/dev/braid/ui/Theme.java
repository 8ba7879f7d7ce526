package dev.braid.ui;

import java.util.Locale;
import java.util.Map;

/** The colour scheme the user chose; {@link #SYSTEM} follows the desktop where it is cheap to tell. */
public enum Theme {
    LIGHT("light", "Light"),
    DARK("dark", "Dark"),
    SYSTEM("system", "Follow system");

    private final String settingValue;
    private final String label;

    Theme(String settingValue, String label) {
        this.settingValue = settingValue;
        this.label = label;
    }

    /** The value stored in the settings file. */
    public String settingValue() {
        return settingValue;
    }

    public String label() {
        return label;
    }

    public static Theme fromSetting(String value) {
        for (Theme theme : values()) {
            if (theme.settingValue.equals(value)) {
                return theme;
            }
        }
        return SYSTEM;
    }

    /**
     * Whether this theme is dark in {@code env}. For {@link #SYSTEM} the only cheap, reliable
     * signal on Linux desktops is a dark {@code GTK_THEME}; anything else means light.
     */
    public boolean isDark(Map<String, String> env) {
        if (this != SYSTEM) {
            return this == DARK;
        }
        String gtk = env.getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT);
        return gtk.endsWith(":dark") || gtk.endsWith("-dark");
    }

    @Override
    public String toString() {
        return label;
    }
}
