package dev.braid.security.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy {@code .npy} file: magic, version, a header that is a Python dict literal, then the
 * data. Arrays of plain numbers are raw bytes; arrays with an object dtype are a pickle, which
 * {@code numpy.load(..., allow_pickle=True)} runs, so that pickle is scanned.
 */
final class NumpyFile {
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*");
    private static final Pattern FIELD_TYPE = Pattern.compile("\\(\\s*(?:'[^']*'|\"[^\"]*\"|\\([^)]*\\))\\s*,\\s*['\"]([^'\"]*)['\"]");
    private final PickleFindings pickles;
    private final ScanLimits limits;

    NumpyFile(PickleFindings pickles, ScanLimits limits) {
        this.pickles = pickles;
        this.limits = limits;
    }

    void scan(InputStream in, String location, ScanSink sink) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8) {
            sink.add(malformed(location, "the file ends inside its magic and version"));
            return;
        }
        int major = magic[6] & 0xff;
        byte[] sizeBytes = in.readNBytes(major == 1 ? 2 : 4);
        if (major < 1 || major > 3 || sizeBytes.length < (major == 1 ? 2 : 4)) {
            sink.add(malformed(location, "unknown .npy format version " + major));
            return;
        }
        long headerLength = 0;
        for (int i = sizeBytes.length - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (sizeBytes[i] & 0xff);
        }
        if (headerLength > limits.maxHeaderBytes()) {
            sink.add(new Finding(location, Rating.SUSPICIOUS, FindingKind.LIMIT, "", "the .npy header claims "
                    + headerLength + " bytes, past the " + limits.maxHeaderBytes() + "-byte limit"));
            return;
        }
        byte[] header = in.readNBytes((int) headerLength);
        if (header.length < headerLength) {
            sink.add(malformed(location, "the file ends inside its header"));
            return;
        }
        String text = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Boolean object = holdsObjects(text);
        if (object == null) {
            sink.add(malformed(location, "the header names no dtype: " + PickleWalker.abbreviate(text.strip())));
            return;
        }
        if (object) {
            // numpy.save pickles object arrays right after the header.
            pickles.scan(in, location, FormatSniffer.PickleTrust.NAMED, sink);
        }
    }

    /** Whether the dtype in a header dict holds Python objects; null when no dtype is found. */
    static Boolean holdsObjects(String header) {
        Matcher m = DESCR.matcher(header);
        if (!m.find()) {
            return null;
        }
        String rest = header.substring(m.end()).strip();
        if (rest.startsWith("'") || rest.startsWith("\"")) {
            int close = rest.indexOf(rest.charAt(0), 1);
            return close > 0 && isObjectCode(rest.substring(1, close));
        }
        if (rest.startsWith("[")) {
            Matcher field = FIELD_TYPE.matcher(rest);
            while (field.find()) {
                if (isObjectCode(field.group(1))) {
                    return true;
                }
            }
            return false;
        }
        return null;
    }

    private static boolean isObjectCode(String code) {
        String c = code.strip();
        if (!c.isEmpty() && "<>|=".indexOf(c.charAt(0)) >= 0) {
            c = c.substring(1);
        }
        return c.startsWith("O");
    }

    private static Finding malformed(String location, String why) {
        return new Finding(location, Rating.UNKNOWN, FindingKind.MALFORMED, "", "broken .npy file: " + why);
    }
}
