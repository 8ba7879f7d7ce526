package dev.braid.lineage.ui;

import dev.braid.lineage.LineageNode;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** "Recent": the start list, what changed last by kind under a heading each; choosing a node focuses it. */
final class StartMenu {
    private final LineageExplorerViewModel model;
    private final Consumer<LineageNode> choose;
    private final MenuButton menu = new MenuButton("Recent", new FontIcon(Feather.CLOCK));

    StartMenu(LineageExplorerViewModel model, Consumer<LineageNode> choose) {
        this.model = model;
        this.choose = choose;
        menu.setId("startMenu");
        menu.setMinWidth(Region.USE_PREF_SIZE);
        model.startList().addListener((ListChangeListener<StartGroup>) change -> rebuild());
        rebuild();
    }

    MenuButton node() {
        return menu;
    }

    private void rebuild() {
        menu.getItems().clear();
        for (StartGroup group : model.startList()) {
            if (!menu.getItems().isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
            }
            MenuItem heading = new MenuItem(group.title());
            heading.setMnemonicParsing(false);
            heading.setDisable(true);
            heading.getStyleClass().add("start-heading");
            menu.getItems().add(heading);
            for (LineageNode node : group.nodes()) {
                MenuItem item = new MenuItem(dev.braid.lineage.NodeLabels.label(node), new FontIcon(KindIcons.of(node.kind())));
                item.setMnemonicParsing(false);
                item.setId("start-" + node.id().value());
                item.setOnAction(e -> choose.accept(node));
                menu.getItems().add(item);
            }
        }
        menu.setDisable(menu.getItems().isEmpty());
    }
}
