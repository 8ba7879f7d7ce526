package dev.braid.lineage.ui;

import dev.braid.lineage.NodeKind;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** "Kinds": one checkable item per kind in the loaded graph; unchecked kinds are hidden. */
final class KindFilterMenu {
    private final LineageExplorerViewModel model;
    private final MenuButton menu = new MenuButton("Kinds", new FontIcon(Feather.FILTER));

    KindFilterMenu(LineageExplorerViewModel model) {
        this.model = model;
        menu.setId("kindFilter");
        model.kinds().addListener((ListChangeListener<NodeKind>) change -> rebuild());
        model.hiddenKinds().addListener((SetChangeListener<NodeKind>) change -> label());
        rebuild();
    }

    MenuButton node() {
        return menu;
    }

    private void rebuild() {
        menu.getItems().clear();
        for (NodeKind kind : model.kinds()) {
            CheckMenuItem item = new CheckMenuItem(kind.id(), new FontIcon(KindIcons.of(kind)));
            item.setMnemonicParsing(false);
            item.setId("kind-" + kind.id());
            item.setSelected(!model.hiddenKinds().contains(kind));
            item.selectedProperty().addListener((obs, old, now) -> model.setKindVisible(kind, now));
            menu.getItems().add(item);
        }
        for (NodeKind hidden : model.hiddenKinds()) {
            if (!model.kinds().contains(hidden)) {
                CheckMenuItem item = new CheckMenuItem(hidden.id());
                item.setMnemonicParsing(false);
                item.selectedProperty().addListener((obs, old, now) -> model.setKindVisible(hidden, now));
                menu.getItems().add(item);
            }
        }
        if (!menu.getItems().isEmpty()) {
            MenuItem all = new MenuItem("Show all kinds");
            all.setOnAction(e -> model.hiddenKinds().clear());
            menu.getItems().addAll(new SeparatorMenuItem(), all);
        }
        label();
    }

    private void label() {
        menu.setText(model.hiddenKinds().isEmpty() ? "Kinds" : "Kinds (" + model.hiddenKinds().size() + " hidden)");
        for (MenuItem item : menu.getItems()) {
            if (item instanceof CheckMenuItem check && item.getId() != null) {
                check.setSelected(!model.hiddenKinds().contains(new NodeKind(item.getId().substring("kind-".length()))));
            }
        }
    }
}
