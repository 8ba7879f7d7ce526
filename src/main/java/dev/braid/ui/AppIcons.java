package dev.braid.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** Braid's window icons, in whichever sizes are packaged; none at all is fine. */
public final class AppIcons {
    private static final Logger LOG = Logger.getLogger(AppIcons.class.getName());
    private static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private AppIcons() {
    }

    public static List<Image> load() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            try (InputStream in = AppIcons.class.getResourceAsStream("/dev/braid/ui/icons/braid-" + size + ".png")) {
                if (in != null) {
                    Image image = new Image(in);
                    if (!image.isError()) {
                        images.add(image);
                    }
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "icon of size " + size + " is unreadable", e);
            }
        }
        return images;
    }

    public static void addTo(Stage stage) {
        stage.getIcons().setAll(load());
    }
}
