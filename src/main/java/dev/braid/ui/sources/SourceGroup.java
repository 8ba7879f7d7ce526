package dev.braid.ui.sources;

import java.util.Objects;
import org.kordamp.ikonli.feather.Feather;

/**
 * A heading of the Add-source dialog and a card of the welcome page: one family of sources
 * ("Git repositories", "MLflow experiments", "CI pipelines"...), whose {@link SourceForm}s are
 * listed under it.
 */
public record SourceGroup(String id, String title, String description, Feather icon) {
    public SourceGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
        icon = icon == null ? Feather.DATABASE : icon;
    }
}
