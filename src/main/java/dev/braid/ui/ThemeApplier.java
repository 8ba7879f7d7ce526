package dev.braid.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.net.URL;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * Puts a {@link Theme} on the window: AtlantaFX Primer as the base, Braid's own stylesheet on
 * top. The dark variant of Braid's stylesheet only changes colour variables, through the
 * {@code dark} style class on the root.
 */
public final class ThemeApplier {
    public static final String DARK_CLASS = "dark";
    private final Map<String, String> env;

    public ThemeApplier(Map<String, String> env) {
        this.env = env;
    }

    public void apply(Scene scene, Theme theme) {
        boolean dark = theme.isDark(env);
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        String braidCss = stylesheet();
        if (braidCss != null && !scene.getStylesheets().contains(braidCss)) {
            scene.getStylesheets().add(braidCss);
        }
        var classes = scene.getRoot().getStyleClass();
        classes.remove(DARK_CLASS);
        if (dark) {
            classes.add(DARK_CLASS);
        }
    }

    /** Braid's stylesheet, for scenes such as dialogs that need it too. */
    public static String stylesheet() {
        URL url = ThemeApplier.class.getResource("/dev/braid/ui/braid.css");
        return url == null ? null : url.toExternalForm();
    }
}
