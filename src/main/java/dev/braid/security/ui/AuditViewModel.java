package dev.braid.security.ui;

import dev.braid.security.audit.AuditEvent;
import dev.braid.security.audit.AuditQuery;
import dev.braid.security.audit.AuditTrail;
import dev.braid.ui.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Audit page: write-backs to MLflow and governance events (scans, refused promotions,
 * overrides, BOM exports, labels and how far they propagate), newest first, filtered by user,
 * object and days, exported as CSV.
 */
public final class AuditViewModel {
    /** How many lines the page shows at most. */
    public static final int LIMIT = 5_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final AuditTrail trail;
    private final TaskRunner runner;
    private final ZoneId zone;
    private final ObservableList<AuditRow> rows = FXCollections.observableArrayList();
    private final ObservableList<AuditRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Loading…");
    private List<AuditEvent> loaded = List.of();
    private AuditQuery query = AuditQuery.all(LIMIT);

    public AuditViewModel(AuditTrail trail, TaskRunner runner, ZoneId zone) {
        this.trail = trail;
        this.runner = runner;
        this.zone = zone;
    }

    /** The matching lines, newest first. */
    public ObservableList<AuditRow> rows() {
        return rowsView;
    }

    /** "12 lines", or what went wrong. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /**
     * Filters by part of a user's name, part of an object's id, and days (each may be null or
     * blank: any); {@code until} includes that whole day. Reads again.
     */
    public void filter(String user, String object, LocalDate from, LocalDate until) {
        Instant start = from == null ? null : from.atStartOfDay(zone).toInstant();
        Instant end = until == null ? null : until.plusDays(1).atStartOfDay(zone).toInstant();
        query = new AuditQuery(user, object, start, end, LIMIT);
        refresh();
    }

    /** Reads the lines again with the current filter. */
    public void refresh() {
        AuditQuery asked = query;
        runner.run(() -> trail.events(asked), events -> {
            loaded = events;
            rows.setAll(events.stream().map(this::row).toList());
            status.set(events.size() + " line" + (events.size() == 1 ? "" : "s")
                    + (events.size() == LIMIT ? " (the newest " + LIMIT + ")" : ""));
        }, failure -> status.set("Could not read the audit trail: " + failure.getMessage()));
    }

    /** Writes the shown lines to {@code file} as CSV. */
    public void exportCsv(Path file) {
        List<AuditEvent> events = loaded;
        runner.run(() -> Files.writeString(file, AuditTrail.csv(events)), done -> status.set("Wrote " + events.size()
                + " lines to " + done), failure -> status.set("Could not write " + file + ": " + failure.getMessage()));
    }

    private AuditRow row(AuditEvent e) {
        return new AuditRow(TIME.format(e.at().atZone(zone)), e.actor() == null ? "-" : e.actor(), e.action(), e.object(),
                e.outcome() == null ? "" : e.outcome(), e.detail() == null ? "" : e.detail(),
                e.source() == null ? "" : e.source());
    }
}
