package dev.braid.pipelines.dvc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * DVC's content hashes of what git holds: a file's MD5 (DVC 3's {@code hash: md5}; DVC 2 hashed
 * text files with CRLF turned into LF, given as the second choice), and a directory's MD5 of its
 * JSON listing ({@code [{"md5": ..., "relpath": ...}]}, sorted by path parts, written as Python's
 * {@code json.dumps(sort_keys=True)} writes it) with a {@code .dir} suffix. Results are kept per
 * git object id, so a file unchanged across 10,000 commits is hashed once. Not thread-safe.
 */
final class DvcHashes {
    private final Map<ObjectId, String[]> files = new HashMap<>();
    private final Map<ObjectId, String> folders = new HashMap<>();

    /** The MD5s DVC may have recorded for a blob: plain, and with CRLF line ends made LF (same when none). */
    String[] file(ObjectReader reader, ObjectId blob) throws IOException {
        String[] known = files.get(blob);
        if (known == null) {
            byte[] bytes = reader.open(blob).getBytes();
            String plain = md5(bytes);
            String dos2unix = plain;
            if (isText(bytes)) {
                byte[] unix = toUnix(bytes);
                if (unix.length != bytes.length) {
                    dos2unix = md5(unix);
                }
            }
            known = new String[] {plain, dos2unix};
            files.put(blob.copy(), known);
        }
        return known;
    }

    /** DVC's hash of a directory held as a git tree. */
    String folder(ObjectReader reader, ObjectId tree) throws IOException {
        String known = folders.get(tree);
        if (known == null) {
            List<String[]> entries = new ArrayList<>();
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(tree);
                walk.setRecursive(true);
                while (walk.next()) {
                    if ((walk.getFileMode(0).getBits() & FileMode.TYPE_MASK) == FileMode.TYPE_FILE) {
                        entries.add(new String[] {walk.getPathString(), file(reader, walk.getObjectId(0))[0]});
                    }
                }
            }
            entries.sort((a, b) -> comparePaths(a[0], b[0]));
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < entries.size(); i++) {
                json.append(i == 0 ? "" : ", ").append("{\"md5\": ").append(jsonString(entries.get(i)[1]))
                        .append(", \"relpath\": ").append(jsonString(entries.get(i)[0])).append('}');
            }
            json.append(']');
            known = md5(json.toString().getBytes(StandardCharsets.UTF_8)) + ".dir";
            folders.put(tree.copy(), known);
        }
        return known;
    }

    /** DVC sorts a listing by path parts: {@code a/b} before {@code a-b}. */
    private static int comparePaths(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** Python's {@code json.dumps} of a string (ASCII only, as its default). */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean isText(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] toUnix(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                continue;
            }
            out[n++] = bytes[i];
        }
        return n == bytes.length ? bytes : java.util.Arrays.copyOf(out, n);
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
