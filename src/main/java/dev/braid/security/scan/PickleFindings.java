package dev.braid.security.scan;

import java.io.IOException;
import java.io.InputStream;

/**
 * Scans a stream of one or more consecutive pickles (a legacy PyTorch file holds five; joblib
 * one, with array data after its headers) and turns what the walker found into rated imports and
 * findings.
 */
final class PickleFindings {
    /** How many pickles in a row are read from one stream. */
    private static final int MAX_PICKLES = 64;
    private final ImportPolicy policy;
    private final PickleWalker walker;

    PickleFindings(ImportPolicy policy, ScanLimits limits) {
        this.policy = policy;
        this.walker = new PickleWalker(limits);
    }

    /** What a stream turned out to be. */
    enum Outcome { PICKLE, JOBLIB, NOT_A_PICKLE }

    /**
     * Walks the pickles in {@code in} and records what they import at {@code location}.
     *
     * @param trust how sure the caller is that this is a pickle: unless a pickle that does not walk
     *              to its end shows otherwise (see {@link FormatSniffer.PickleTrust}), the stream is
     *              taken for some other file and nothing is recorded
     */
    Outcome scan(InputStream in, String location, FormatSniffer.PickleTrust trust, ScanSink sink) throws IOException {
        ByteReader reader = new ByteReader(in);
        boolean joblib = false;
        for (int i = 0; i < MAX_PICKLES; i++) {
            long start = reader.position();
            PickleWalker.Walk walk = walker.walk(reader, 0);
            if (i == 0 && !walk.complete() && notAPickle(walk, trust)) {
                if (trust == FormatSniffer.PickleTrust.NAMED) {
                    sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.UNREADABLE, "",
                            "not a pickle, though named like one: " + walk.problem()));
                }
                return Outcome.NOT_A_PICKLE;
            }
            if (i > 0 && !walk.complete() && walk.imports().isEmpty()) {
                // Raw data after the pickles (a legacy checkpoint's storages) that merely starts like one.
                return joblib ? Outcome.JOBLIB : Outcome.PICKLE;
            }
            joblib |= record(walk, location, start, sink);
            if (!walk.complete()) {
                sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.MALFORMED, "",
                        "the pickle " + (i == 0 ? "" : "#" + (i + 1) + " ") + "cannot be read to its end ("
                                + walk.problem() + "); what comes after was not checked"));
                return joblib ? Outcome.JOBLIB : Outcome.PICKLE;
            }
            if (reader.peek() != 0x80) {
                return joblib ? Outcome.JOBLIB : Outcome.PICKLE;
            }
        }
        sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.LIMIT, "", "more than " + MAX_PICKLES
                + " pickles in a row; the rest was not read"));
        return joblib ? Outcome.JOBLIB : Outcome.PICKLE;
    }

    private static boolean notAPickle(PickleWalker.Walk walk, FormatSniffer.PickleTrust trust) {
        return switch (trust) {
            case NAMED -> walk.imports().isEmpty() && walk.problemOffset() == 0;
            case MAGIC -> walk.imports().isEmpty();
            case PROBE -> true;
        };
    }

    /** Records one walk and its nested walks; true when it held joblib array headers. */
    private boolean record(PickleWalker.Walk walk, String location, long base, ScanSink sink) {
        boolean joblib = false;
        for (ImportUse use : walk.imports()) {
            joblib |= use.name.equals("NumpyArrayWrapper");
            if (!use.resolved) {
                String what = use.opcode.equals("EXT") ? "an extension-registry " + use.name
                        : use.module + " " + use.name;
                Rating rating = use.opcode.equals("EXT") ? Rating.SUSPICIOUS : Rating.DANGEROUS;
                String reason = use.opcode.equals("EXT") ? "imports through copyreg's extension registry, which Braid cannot see"
                        : "STACK_GLOBAL takes its module and name from values computed while loading, not from text";
                sink.importFound(new ImportReport(location, use.module, use.name, use.opcode, use.called, rating, reason, 1));
                sink.add(new Finding(location, rating, FindingKind.UNRESOLVED_IMPORT, what,
                        reason + " (offset " + (base + use.offset) + ")"));
                continue;
            }
            ImportPolicy.Rated rated = policy.rate(use.module, use.name, use.called, use.patched);
            sink.importFound(new ImportReport(location, use.module, use.name, use.opcode, use.called, rated.rating(),
                    rated.reason(), 1));
            if (rated.rating() != Rating.SAFE) {
                sink.add(new Finding(location, rated.rating(), FindingKind.IMPORT, use.qualified(),
                        (use.called ? "calls " : "imports ") + use.qualified() + ": " + rated.reason()));
            }
        }
        for (PickleWalker.Nested inner : walk.nested()) {
            String where = location.isEmpty() ? inner.how() + " at offset " + inner.offset()
                    : location + " > " + inner.how() + " at offset " + inner.offset();
            joblib |= inner.how().startsWith("joblib");
            record(inner.walk(), where, 0, sink);
            if (!inner.walk().complete() && !inner.how().startsWith("joblib")) {
                sink.add(new Finding(where, Rating.UNKNOWN, FindingKind.MALFORMED, "", "an embedded pickle cannot be read"
                        + " to its end: " + inner.walk().problem()));
            }
        }
        return joblib;
    }
}
