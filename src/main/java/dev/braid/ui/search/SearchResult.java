package dev.braid.ui.search;

import java.util.Objects;
import org.kordamp.ikonli.feather.Feather;

/**
 * One thing the window-wide search found: what it is ({@code title}, the name a person knows),
 * where it is ({@code detail}: repository and hash, experiment and source...), an icon, and how to
 * show it. {@code open} runs on the JavaFX thread when the result is chosen.
 */
public record SearchResult(String title, String detail, Feather icon, Runnable open) {
    public SearchResult {
        Objects.requireNonNull(title, "title");
        detail = detail == null ? "" : detail;
        icon = icon == null ? Feather.SEARCH : icon;
        Objects.requireNonNull(open, "open");
    }
}
