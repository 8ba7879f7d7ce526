package dev.braid.lineage.ui;

import java.net.URI;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The explorer toolbar's switch for the OpenLineage receiver: a toggle, and while it is on the
 * host and port it listens on with a button that copies the address clients post to. What
 * happened last, with the whole address while on, is {@link #message()}, shown in the explorer's
 * status line.
 */
final class ReceiverToggle {
    private final HBox box;
    private final Label message = new Label();

    ReceiverToggle(LineageReceiverViewModel model) {
        ToggleButton toggle = new ToggleButton("Receive events", new FontIcon(Feather.RADIO));
        toggle.setId("receiverToggle");
        toggle.setTooltip(new Tooltip("Receive OpenLineage events over HTTP on this machine (the client's http transport)"));
        toggle.setOnAction(e -> model.setRunning(toggle.isSelected()));
        toggle.disableProperty().bind(model.busyProperty());
        toggle.setMinWidth(Region.USE_PREF_SIZE);
        model.runningProperty().addListener((obs, old, now) -> toggle.setSelected(now));
        Label address = new Label();
        address.setId("receiverAddress");
        address.getStyleClass().add("receiver-address");
        // Host and port fit the toolbar; the whole address is in the tooltip, the status line and the copy button.
        address.textProperty().bind(Bindings.createStringBinding(() -> model.addressProperty().get().isEmpty() ? ""
                : URI.create(model.addressProperty().get()).getAuthority(), model.addressProperty()));
        address.setMinWidth(Region.USE_PREF_SIZE);
        address.setTooltip(new Tooltip());
        address.getTooltip().textProperty().bind(model.addressProperty());
        Button copy = new Button(null, new FontIcon(Feather.COPY));
        copy.setId("copyReceiverAddress");
        copy.getStyleClass().add("flat");
        copy.setTooltip(new Tooltip("Copy the address"));
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.addressProperty().get());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        for (Node shown : new Node[] {address, copy}) {
            shown.visibleProperty().bind(model.runningProperty());
            shown.managedProperty().bind(model.runningProperty());
        }
        box = new HBox(4, toggle, address, copy);
        box.setAlignment(Pos.CENTER_LEFT);
        message.setId("receiverMessage");
        message.getStyleClass().addAll("status-message", "receiver-message");
        message.textProperty().bind(model.messageProperty());
    }

    Node node() {
        return box;
    }

    Node message() {
        return message;
    }
}
