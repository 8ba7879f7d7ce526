package dev.braid.lineage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        Findings problems = new Findings();
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
        try (Batch batch = new Batch()) {
            for (Path file : files) {
                try {
                    importFile(file, batch, problems);
                } catch (IOException e) {
                    problems.add(new ImportReport.Problem(file.toString(), "cannot read the file: " + e.getMessage()));
                }
            }
            OpenLineageIngest.Stored stored = batch.finish();
            return new ImportReport(files.size(), stored.added(), stored.repeated(), problems, problems.warnings());
        }
    }

    private void importFile(Path file, Batch batch, Findings problems) throws IOException {
        int max = validator.limits().maxBytes();
        try (InputStream in = Files.newInputStream(file)) {
            BoundedLines lines = new BoundedLines(in, max);
            BoundedLines.Line first = nextNonBlank(lines);
            if (first != null && !first.tooLong() && validator.isIncomplete(first.bytes()) && wholeFile(file, batch, problems)) {
                // One event written across several lines (pretty-printed): the file was the event.
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

    /**
     * Takes the whole file as one event when it holds exactly one JSON document; returns false
     * (and takes nothing) otherwise, so that a JSON Lines file whose first line is cut short still
     * has its other lines read one by one.
     */
    private boolean wholeFile(Path file, Batch batch, Findings problems) throws IOException {
        long size = Files.size(file);
        if (size > validator.limits().maxBytes()) {
            return false;
        }
        byte[] json = Files.readAllBytes(file);
        if (!validator.isOneDocument(json)) {
            return false;
        }
        accept(json, file + ":1", batch, problems);
        return true;
    }

    private void accept(byte[] json, String where, Batch batch, Findings problems) {
        try {
            OpenLineageEvent event = validator.validate(json);
            event.warnings().forEach(warning -> problems.warn(warning, where));
            batch.add(new OpenLineageIngest.Accepted(event, "file:" + where));
        } catch (InvalidEventException e) {
            problems.add(new ImportReport.Problem(where, e.getMessage()));
        }
    }

    /** Refused events (in order) and the warnings about accepted ones, each reason counted once. */
    private static final class Findings extends ArrayList<ImportReport.Problem> {
        private final java.util.Map<String, ImportReport.Warning> warnings = new java.util.LinkedHashMap<>();

        void warn(String reason, String where) {
            warnings.merge(reason, new ImportReport.Warning(reason, 1, where),
                    (first, next) -> new ImportReport.Warning(reason, first.events() + 1, first.firstWhere()));
        }

        List<ImportReport.Warning> warnings() {
            return List.copyOf(warnings.values());
        }
    }

    private static BoundedLines.Line nextNonBlank(BoundedLines lines) throws IOException {
        BoundedLines.Line line;
        do {
            line = lines.next();
        } while (line != null && !line.tooLong() && isBlank(line.bytes()));
        return line;
    }

    /** Whether a line holds only white space; an event's line starts with its brace, so most lines are answered at once. */
    private static boolean isBlank(byte[] line) {
        if (line.length > 0 && line[0] == '{') {
            return false;
        }
        return new String(line, java.nio.charset.StandardCharsets.UTF_8).isBlank();
    }

    private static boolean looksLikeEvents(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson"));
    }

    /**
     * Accepted events waiting to be written together. A full batch is written on a thread of its
     * own while the next one is read, validated, mapped and merged, so a large import keeps two
     * cores busy; one batch is written at a time, in file order.
     */
    private final class Batch implements AutoCloseable {
        private final List<OpenLineageIngest.Mapped> pending = new ArrayList<>();
        private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "braid-lineage-import");
            thread.setDaemon(true);
            return thread;
        });
        private Future<OpenLineageIngest.Stored> writing;
        private OpenLineageIngest.Stored stored = new OpenLineageIngest.Stored(0, 0);

        void add(OpenLineageIngest.Accepted accepted) {
            pending.add(ingest.map(accepted));
            if (pending.size() >= OpenLineageIngest.BATCH) {
                handOver();
            }
        }

        /** Writes what is pending and waits for every write; returns what all of them stored. */
        OpenLineageIngest.Stored finish() {
            handOver();
            awaitWriting();
            return stored;
        }

        private void handOver() {
            awaitWriting();
            if (!pending.isEmpty()) {
                OpenLineageIngest.Prepared batch = ingest.prepare(List.copyOf(pending));
                pending.clear();
                writing = writer.submit(() -> ingest.store(batch));
            }
        }

        private void awaitWriting() {
            if (writing == null) {
                return;
            }
            try {
                stored = stored.plus(writing.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while importing OpenLineage events", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                writing = null;
            }
        }

        /** Waits for a write still running (when reading failed), so that nothing is written after the import returns. */
        @Override
        public void close() {
            try {
                if (writing != null) {
                    writing.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // The import is failing already; this write's own failure adds nothing to it.
            } finally {
                writer.shutdown();
            }
        }
    }
}
