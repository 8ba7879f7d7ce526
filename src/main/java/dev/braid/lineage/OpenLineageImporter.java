package dev.braid.lineage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Imports files written by the OpenLineage client's file transport: JSON Lines (its
 * {@code append: true} mode, one event per line) and one event per file (its default mode, which
 * may also be pretty-printed), and whole folders of them ({@code .json}, {@code .jsonl},
 * {@code .ndjson} files, recursively, in name order, which is time order for the transport's
 * file names). Every refused event is reported with its file and line and skipped; the rest lands.
 */
public final class OpenLineageImporter {
    private final OpenLineageValidator validator;
    private final OpenLineageIngest ingest;

    public OpenLineageImporter(OpenLineageValidator validator, OpenLineageIngest ingest) {
        this.validator = validator;
        this.ingest = ingest;
    }

    /** Imports every file and folder in {@code paths}. */
    public ImportReport importPaths(List<Path> paths) {
        List<ImportReport.Problem> problems = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(OpenLineageImporter::looksLikeEvents).sorted().forEach(files::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    problems.add(new ImportReport.Problem(path.toString(), "cannot read the folder: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                problems.add(new ImportReport.Problem(path.toString(), "no such file or folder"));
            }
        }
        Batch batch = new Batch();
        for (Path file : files) {
            try {
                importFile(file, batch, problems);
            } catch (IOException e) {
                problems.add(new ImportReport.Problem(file.toString(), "cannot read the file: " + e.getMessage()));
            }
        }
        batch.flush();
        return new ImportReport(files.size(), batch.stored.added(), batch.stored.repeated(), problems);
    }

    private void importFile(Path file, Batch batch, List<ImportReport.Problem> problems) throws IOException {
        int max = validator.limits().maxBytes();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            BoundedLines lines = new BoundedLines(in, max);
            BoundedLines.Line first = nextNonBlank(lines);
            if (first != null && !first.tooLong() && validator.isIncomplete(first.bytes())) {
                // One event written across several lines (pretty-printed): the file is the event.
                wholeFile(file, batch, problems);
                return;
            }
            for (BoundedLines.Line line = first; line != null; line = nextNonBlank(lines)) {
                String where = file + ":" + line.number();
                if (line.tooLong()) {
                    problems.add(new ImportReport.Problem(where, "the event is " + line.length() + " bytes, more than the "
                            + max + " allowed"));
                    continue;
                }
                accept(line.bytes(), where, batch, problems);
            }
        }
    }

    private void wholeFile(Path file, Batch batch, List<ImportReport.Problem> problems) throws IOException {
        long size = Files.size(file);
        if (size > validator.limits().maxBytes()) {
            problems.add(new ImportReport.Problem(file + ":1", "the event is " + size + " bytes, more than the "
                    + validator.limits().maxBytes() + " allowed"));
            return;
        }
        accept(Files.readAllBytes(file), file + ":1", batch, problems);
    }

    private void accept(byte[] json, String where, Batch batch, List<ImportReport.Problem> problems) {
        try {
            batch.add(new OpenLineageIngest.Accepted(validator.validate(json), "file:" + where));
        } catch (InvalidEventException e) {
            problems.add(new ImportReport.Problem(where, e.getMessage()));
        }
    }

    private static BoundedLines.Line nextNonBlank(BoundedLines lines) throws IOException {
        BoundedLines.Line line;
        do {
            line = lines.next();
        } while (line != null && !line.tooLong() && new String(line.bytes(), java.nio.charset.StandardCharsets.UTF_8).isBlank());
        return line;
    }

    private static boolean looksLikeEvents(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson"));
    }

    /** Accepted events waiting to be written together. */
    private final class Batch {
        private final List<OpenLineageIngest.Accepted> pending = new ArrayList<>();
        private OpenLineageIngest.Stored stored = new OpenLineageIngest.Stored(0, 0);

        void add(OpenLineageIngest.Accepted accepted) {
            pending.add(accepted);
            if (pending.size() >= OpenLineageIngest.BATCH) {
                flush();
            }
        }

        void flush() {
            stored = stored.plus(ingest.store(pending));
            pending.clear();
        }
    }
}
