package dev.braid.security.scan;

import java.io.IOException;
import java.io.InputStream;

/**
 * Recognises a file or member by its bytes and hands it to the reader of its format; archives
 * and compressed streams come back here for each thing inside them, one level deeper. Holds no
 * state of a scan (that lives in the {@link ScanSink}), so one instance serves every thread.
 */
final class ContentScanner {
    private final ScanLimits limits;
    private final PickleFindings pickles;
    private final ArchiveScanner archives;
    private final NumpyFile numpy;
    private final KerasConfigCheck keras;
    private final SafetensorsCheck safetensors;
    private final OnnxCheck onnx;
    private final Hdf5Check hdf5;
    private final SkopsCheck skops;

    ContentScanner(ImportPolicy policy, ScanLimits limits) {
        this.limits = limits;
        this.pickles = new PickleFindings(policy, limits);
        this.archives = new ArchiveScanner(this, limits);
        this.numpy = new NumpyFile(pickles, limits);
        this.keras = new KerasConfigCheck(policy, limits);
        this.safetensors = new SafetensorsCheck(limits);
        this.onnx = new OnnxCheck(limits);
        this.hdf5 = new Hdf5Check(keras, limits);
        this.skops = new SkopsCheck(policy, limits);
    }

    KerasConfigCheck keras() {
        return keras;
    }

    SkopsCheck skops() {
        return skops;
    }

    /**
     * Scans {@code content} found at {@code location} ({@code ""} for the file itself), {@code depth}
     * levels inside the top-level file; returns what it was recognised as.
     */
    FileFormat scan(Content content, String location, int depth, ScanSink sink) throws IOException {
        if (depth > limits.maxDepth()) {
            sink.add(new Finding(location, Rating.SUSPICIOUS, FindingKind.LIMIT, "",
                    "archives or streams nested more than " + limits.maxDepth() + " levels deep; not scanned"));
            return FileFormat.OTHER;
        }
        byte[] head = content.head(FormatSniffer.HEAD);
        FormatSniffer.Sniffed sniffed = FormatSniffer.sniff(head, head.length, content.name(), content.size());
        try {
            return dispatch(content, sniffed, location, depth, sink);
        } catch (LimitedInputStream.LimitReached e) {
            sink.add(new Finding(location, Rating.SUSPICIOUS, FindingKind.LIMIT, "", e.getMessage()
                    + "; the rest was not scanned (a decompression bomb?)"));
            return sniffed.format();
        }
    }

    private FileFormat dispatch(Content content, FormatSniffer.Sniffed sniffed, String location, int depth,
                                ScanSink sink) throws IOException {
        switch (sniffed.format()) {
            case PICKLE, PYTORCH_LEGACY -> {
                PickleFindings.Outcome outcome;
                try (InputStream in = content.open()) {
                    outcome = pickles.scan(in, location, sniffed.trust(), sink);
                }
                return switch (outcome) {
                    case JOBLIB -> FileFormat.JOBLIB;
                    case NOT_A_PICKLE -> sniffed.trust() == FormatSniffer.PickleTrust.NAMED ? FileFormat.PICKLE : FileFormat.OTHER;
                    case PICKLE -> sniffed.format();
                };
            }
            case NUMPY -> {
                try (InputStream in = content.open()) {
                    numpy.scan(in, location, sink);
                }
                return FileFormat.NUMPY;
            }
            case ZIP, SEVEN_ZIP -> {
                return archives.scanRandomAccess(content, sniffed.format(), location, depth, sink);
            }
            case TAR -> {
                archives.scanTar(content, location, depth, sink);
                return FileFormat.TAR;
            }
            case COMPRESSED -> {
                archives.scanCompressed(content, sniffed.codec(), location, depth, sink);
                return FileFormat.COMPRESSED;
            }
            case HDF5 -> {
                hdf5.scan(content, location, sink);
                return FileFormat.HDF5;
            }
            case SAFETENSORS -> {
                try (InputStream in = content.open()) {
                    safetensors.scan(in, content.size(), location, sink);
                }
                return FileFormat.SAFETENSORS;
            }
            case ONNX -> {
                try (InputStream in = content.open()) {
                    onnx.scan(in, location, sink);
                }
                return FileFormat.ONNX;
            }
            case KERAS -> {
                sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.UNREADABLE, "",
                        "named as a Keras model but not a zip archive"));
                return FileFormat.KERAS;
            }
            default -> {
                return FileFormat.OTHER;
            }
        }
    }
}
