package dev.braid.lineage.ui;

import dev.braid.lineage.ImportReport;
import dev.braid.lineage.OpenLineageImporter;
import dev.braid.sync.SyncContext;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import dev.braid.ui.sources.SourceGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Add-source dialog's OpenLineage import: events from a file (JSON, JSON Lines) or a folder of
 * them, validated and added to the lineage graph once (as {@code braid lineage import} does). The
 * Lineage view's "Receive events" switch takes them live.
 */
public final class OpenLineageSourceForms {
    public static final SourceGroup GROUP = new SourceGroup("openlineage", "OpenLineage events",
            "Jobs, runs and datasets reported by Airflow, Spark, dbt and other OpenLineage producers.", Feather.SHARE_2);

    private OpenLineageSourceForms() {
    }

    public static SourceForm importFile(OpenLineageImporter importer) {
        return new SourceForm() {
            @Override
            public String id() {
                return "openlineage-file";
            }

            @Override
            public String group() {
                return GROUP.id();
            }

            @Override
            public String title() {
                return "Import events";
            }

            @Override
            public String description() {
                return "OpenLineage events from a .json or .jsonl file, or a folder of them, added to the lineage graph"
                        + " once. For events sent live, switch on Receive events in the Lineage view.";
            }

            @Override
            public List<SourceField> fields() {
                return List.of(SourceField.file("path", "File or folder", "/path/to/events.jsonl"));
            }

            @Override
            public boolean syncsAfterAdding() {
                return false;
            }

            @Override
            public Added add(Map<String, String> values, SyncContext progress) throws Exception {
                Path path = Path.of(values.get("path").strip()).toAbsolutePath().normalize();
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException("no such file or folder: " + path);
                }
                progress.progress(-1, "importing " + path.getFileName());
                ImportReport report = importer.importPaths(List.of(path));
                if (report.added() == 0 && report.repeated() == 0 && !report.problems().isEmpty()) {
                    throw new IllegalArgumentException("no event could be imported: " + report.problems().get(0));
                }
                String summary = String.format("Imported %,d new event%s from %s", report.added(), report.added() == 1 ? "" : "s",
                        path.getFileName()) + (report.repeated() == 0 ? "" : String.format("; %,d were there already", report.repeated()))
                        + (report.problems().isEmpty() ? "." : String.format("; %,d refused, the first: %s", report.problems().size(),
                        report.problems().get(0)));
                return new Added(null, summary);
            }
        };
    }
}
