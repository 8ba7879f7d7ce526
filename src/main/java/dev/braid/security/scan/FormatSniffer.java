package dev.braid.security.scan;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Tells formats apart by their first bytes, and by the name only where a format has no magic
 * (ONNX) or where the name says "pickle" (so a broken pickle is reported, not ignored). A file's
 * name never makes Braid skip its bytes: a pickle named {@code weights.txt} is still a pickle.
 */
final class FormatSniffer {
    /** How many leading bytes the sniffer wants (tar's magic sits at 257). */
    static final int HEAD = 512;
    /** Names that promise a pickle: anything else inside is reported, since a loader will try it as one. */
    private static final Set<String> PICKLE_NAMES = Set.of("pkl", "pickle", "joblib", "sav", "p", "pck", "pt", "pth",
            "ckpt");
    /** First bytes of protocol 0 and 1 pickles (MARK, GLOBAL, EMPTY_* and the plain value opcodes). */
    private static final String PROTOCOL_0_STARTS = "(c]})NIJKLFGSVXUTCBi}";
    private static final byte[] TORCH_MAGIC = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c,
            0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    /**
     * What the bytes look like. For pickles, {@code trust} says how sure the sniffer is, which
     * decides what a pickle that does not walk to its end is taken for.
     */
    record Sniffed(FileFormat format, String codec, PickleTrust trust) {
    }

    /** How a stream came to be read as a pickle. */
    enum PickleTrust {
        /** Its name promises a pickle: anything else in it is reported. */
        NAMED,
        /** It starts with a PROTO opcode: reported once it imports something, else it is just data. */
        MAGIC,
        /** It starts with a byte that could begin a protocol 0 pickle: only a whole pickle counts. */
        PROBE
    }

    private FormatSniffer() {
    }

    static Sniffed sniff(byte[] head, int length, String name, long size) {
        String ext = extension(name);
        if (starts(head, length, "\u0093NUMPY")) {
            return of(FileFormat.NUMPY);
        }
        if (starts(head, length, "PK\u0003\u0004") || starts(head, length, "PK\u0005\u0006")
                || starts(head, length, "PK\u0007\u0008")) {
            return of(FileFormat.ZIP);
        }
        if (starts(head, length, "\u0089HDF\r\n\u001a\n")) {
            return of(FileFormat.HDF5);
        }
        if (starts(head, length, "7z\u00bc\u00af\u0027\u001c")) {
            return of(FileFormat.SEVEN_ZIP);
        }
        if (length >= 262 && new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
            return of(FileFormat.TAR);
        }
        String codec = codec(head, length);
        if (codec != null) {
            return new Sniffed(FileFormat.COMPRESSED, codec, null);
        }
        if (length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return new Sniffed(startsWith(head, length, TORCH_MAGIC) ? FileFormat.PYTORCH_LEGACY : FileFormat.PICKLE,
                    null, PICKLE_NAMES.contains(ext) ? PickleTrust.NAMED : PickleTrust.MAGIC);
        }
        if (ext.equals("safetensors") || looksLikeSafetensors(head, length, size)) {
            return of(FileFormat.SAFETENSORS);
        }
        if (ext.equals("onnx")) {
            return of(FileFormat.ONNX);
        }
        if (ext.equals("h5") || ext.equals("hdf5") || ext.equals("keras")) {
            // Named as a model format but without its magic: reported as unreadable, not skipped.
            return of(ext.equals("keras") ? FileFormat.KERAS : FileFormat.HDF5);
        }
        if (PICKLE_NAMES.contains(ext)) {
            return new Sniffed(FileFormat.PICKLE, null, PickleTrust.NAMED);
        }
        // .bin, .dat, .data and unnamed files: a pickle only if it walks like one to its end.
        if (length > 0 && PROTOCOL_0_STARTS.indexOf((char) (head[0] & 0xff)) >= 0) {
            return new Sniffed(FileFormat.PICKLE, null, PickleTrust.PROBE);
        }
        return of(FileFormat.OTHER);
    }

    /** The lower-case extension of a file or member name, without the dot; "" without one. */
    static String extension(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String codec(byte[] h, int n) {
        if (n >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) {
            return "gzip";
        }
        if (n >= 4 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h' && h[3] >= '1' && h[3] <= '9') {
            return "bzip2";
        }
        if (n >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X' && h[4] == 'Z' && h[5] == 0) {
            return "xz";
        }
        if (n >= 4 && h[0] == 0x04 && h[1] == 0x22 && h[2] == 0x4d && h[3] == 0x18) {
            return "lz4";
        }
        if (n >= 4 && (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xb5 && (h[2] & 0xff) == 0x2f && (h[3] & 0xff) == 0xfd) {
            return "zstd";
        }
        if (n >= 3 && h[0] == 0x5d && h[1] == 0 && h[2] == 0) {
            return "lzma";
        }
        if (n >= 2 && h[0] == 0x78 && ((h[0] & 0xff) * 256 + (h[1] & 0xff)) % 31 == 0) {
            return "zlib";
        }
        return null;
    }

    private static boolean looksLikeSafetensors(byte[] h, int n, long size) {
        if (n < 9 || h[8] != '{') {
            return false;
        }
        long headerLength = 0;
        for (int i = 7; i >= 0; i--) {
            headerLength = (headerLength << 8) | (h[i] & 0xff);
        }
        return headerLength > 1 && (size < 0 || headerLength + 8 <= size);
    }

    private static Sniffed of(FileFormat format) {
        return new Sniffed(format, null, null);
    }

    private static boolean starts(byte[] head, int length, String magic) {
        return startsWith(head, length, magic.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
