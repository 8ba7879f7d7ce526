package dev.braid.lineage.ui;

import dev.braid.lineage.NodeKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javafx.scene.text.Font;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.feather.FeatherIkonHandler;

/** The Feather icon drawn inside a node of each kind. */
final class KindIcons {
    private KindIcons() {
    }

    static Feather of(NodeKind kind) {
        return switch (kind.id()) {
            case "repo" -> Feather.FOLDER;
            case "commit" -> Feather.GIT_COMMIT;
            case "dataset" -> Feather.DATABASE;
            case "dataset-version" -> Feather.LAYERS;
            case "job" -> Feather.SETTINGS;
            case "job-run" -> Feather.PLAY;
            case "mlflow-run" -> Feather.ACTIVITY;
            case "model" -> Feather.BOX;
            case "model-version" -> Feather.PACKAGE;
            case "logged-model" -> Feather.ARCHIVE;
            case "alias" -> Feather.TAG;
            case "artifact" -> Feather.FILE;
            case "cluster" -> Feather.COPY;
            default -> Feather.CIRCLE;
        };
    }

    /** The Feather icon font at {@code size}, for drawing on a canvas. */
    static Font font(double size) {
        return Font.font(IconFont.FAMILY, size);
    }

    /** Reads the icon pack's font file once, on first use; after that JavaFX knows the family by name. */
    private static final class IconFont {
        static final String FAMILY = load();

        private static String load() {
            try (InputStream in = new FeatherIkonHandler().getFontResourceAsStream()) {
                Font font = Font.loadFont(in, 17);
                return font == null ? Font.getDefault().getFamily() : font.getFamily();
            } catch (IOException e) {
                throw new UncheckedIOException("the icon font is unreadable", e);
            }
        }
    }

    /** The glyph as a one-character string, for drawing with the icon font on a canvas. */
    static String glyph(NodeKind kind) {
        return new String(Character.toChars(of(kind).getCode()));
    }
}
