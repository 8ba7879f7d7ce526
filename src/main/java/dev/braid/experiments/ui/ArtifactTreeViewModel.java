package dev.braid.experiments.ui;

import dev.braid.experiments.ArtifactContent;
import dev.braid.experiments.ArtifactEntry;
import dev.braid.experiments.ArtifactListing;
import dev.braid.experiments.ArtifactScans;
import dev.braid.experiments.ArtifactService;
import dev.braid.ui.TaskRunner;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A run's artifacts as a tree listed lazily: a folder's children are read when it is first
 * expanded; a selected file is fetched (or a finished download reused) and previewed as text or
 * an image, or its size, kind or failure is explained.
 */
public final class ArtifactTreeViewModel {
    /** What the preview area shows. */
    public enum Preview { NONE, TEXT, IMAGE, MESSAGE }

    private final ArtifactService service;
    private final TaskRunner runner;
    private final long runPk;
    private final Map<String, ObservableList<ArtifactEntry>> children = new HashMap<>();
    // Read-only views are kept, not made per call: listeners on a throwaway wrapper vanish when it is collected.
    private final Map<String, ObservableList<ArtifactEntry>> childrenViews = new HashMap<>();
    private final Set<String> asked = new HashSet<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(this, "empty");
    private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>(this, "preview", Preview.NONE);
    private final ReadOnlyStringWrapper previewTitle = new ReadOnlyStringWrapper(this, "previewTitle", "");
    private final ReadOnlyStringWrapper previewText = new ReadOnlyStringWrapper(this, "previewText", "");
    private final ReadOnlyStringWrapper imageUrl = new ReadOnlyStringWrapper(this, "imageUrl", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message",
            "Select a file to preview it.");
    private long selection;
    private ArtifactScanStatus scanStatus;

    public ArtifactTreeViewModel(ArtifactService service, TaskRunner runner, long runPk) {
        this.service = service;
        this.runner = runner;
        this.runPk = runPk;
    }

    /** The children of {@code folder} ({@code ""} for the root) read so far; filled by {@link #expand}. */
    public ObservableList<ArtifactEntry> children(String folder) {
        childrenOf(folder);
        return childrenViews.get(folder);
    }

    /** Lets the selected file's scan verdict be shown and a scan started; null leaves scanning out. */
    public void setScans(ArtifactScans scans) {
        this.scanStatus = scans == null ? null : new ArtifactScanStatus(scans, runner, runPk);
    }

    /** The selected file's scan verdict; null when scanning is not available here. */
    public ArtifactScanStatus scanStatus() {
        return scanStatus;
    }

    /** Reads the children of {@code folder} unless they were read already or are being read. */
    public void expand(String folder) {
        if (!asked.add(folder)) {
            return;
        }
        status.set("Listing " + (folder.isEmpty() ? "artifacts" : folder) + "…");
        runner.run(() -> service.list(runPk, folder), listing -> show(folder, listing), failure -> {
            // Asked again on the next expansion, which is how the user retries.
            asked.remove(folder);
            status.set("Could not list " + (folder.isEmpty() ? "the artifacts" : folder) + ": " + dev.braid.sync.PlainErrors.describe(failure));
        });
    }

    private void show(String folder, ArtifactListing listing) {
        childrenOf(folder).setAll(listing.entries());
        if (folder.isEmpty()) {
            empty.set(listing.entries().isEmpty());
        }
        status.set(listing.stale() ? "Showing the listing read earlier; the store cannot be reached now: "
                + listing.staleReason() : "");
    }

    /** Fetches and previews a file; a folder or null clears the preview. */
    public void select(ArtifactEntry entry) {
        long asked = ++selection;
        if (scanStatus != null) {
            scanStatus.show(entry);
        }
        if (entry == null || entry.directory()) {
            preview.set(Preview.NONE);
            previewTitle.set(entry == null ? "" : entry.path());
            message.set("Select a file to preview it.");
            return;
        }
        previewTitle.set(entry.path() + (entry.size() == null ? "" : " · " + ArtifactSizes.format(entry.size())));
        preview.set(Preview.MESSAGE);
        message.set("Fetching " + entry.name() + "…");
        runner.run(() -> service.open(runPk, entry), content -> {
            if (asked == selection) {
                showContent(content);
            }
        }, failure -> {
            if (asked == selection) {
                preview.set(Preview.MESSAGE);
                message.set("Could not fetch " + entry.path() + ": " + dev.braid.sync.PlainErrors.describe(failure));
            }
        });
    }

    private void showContent(ArtifactContent content) {
        String where = content.file() == null ? "" : "Saved at " + content.file();
        switch (content.kind()) {
            case TOO_LARGE -> {
                preview.set(Preview.MESSAGE);
                message.set(content.entry().path() + " is " + (content.size() < 0 ? "larger than "
                        + ArtifactSizes.format(service.sizeCap()) : ArtifactSizes.format(content.size())
                        + ", more than the " + ArtifactSizes.format(service.sizeCap())) + " Braid fetches for"
                        + " previewing. It was not downloaded; open it with MLflow or your storage's own tools.");
            }
            case TEXT -> {
                previewText.set(content.text());
                preview.set(Preview.TEXT);
                message.set((content.truncated() ? "Showing the first " + ArtifactSizes.format(ArtifactService.PREVIEW_BYTES)
                        + " of " + ArtifactSizes.format(content.size()) + ". " : "") + where);
            }
            case IMAGE -> {
                imageUrl.set(content.file().toUri().toString());
                preview.set(Preview.IMAGE);
                message.set(where);
            }
            case BINARY -> {
                preview.set(Preview.MESSAGE);
                message.set(content.entry().name() + " (" + ArtifactSizes.format(content.size())
                        + ") is not text or an image, so there is no preview. " + where);
            }
        }
        previewTitle.set(content.entry().path() + (content.size() < 0 ? "" : " · " + ArtifactSizes.format(content.size())));
    }

    private ObservableList<ArtifactEntry> childrenOf(String folder) {
        return children.computeIfAbsent(folder, f -> {
            ObservableList<ArtifactEntry> list = FXCollections.observableArrayList();
            childrenViews.put(f, FXCollections.unmodifiableObservableList(list));
            return list;
        });
    }

    /** What is being listed, or why a listing failed or is stale; empty when all is well. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True once the root was listed and holds nothing. */
    public ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** The selected artifact's path and size. */
    public ReadOnlyStringProperty previewTitleProperty() {
        return previewTitle.getReadOnlyProperty();
    }

    /** The start of a text file, for {@link Preview#TEXT}. */
    public ReadOnlyStringProperty previewTextProperty() {
        return previewText.getReadOnlyProperty();
    }

    /** The downloaded image's file URL, for {@link Preview#IMAGE}. */
    public ReadOnlyStringProperty imageUrlProperty() {
        return imageUrl.getReadOnlyProperty();
    }

    /** A line under (or, for {@link Preview#MESSAGE}, instead of) the preview. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
