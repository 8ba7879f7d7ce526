package dev.braid.lineage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reading request bodies within a limit, dropping refused ones, and quoting messages for the receiver's JSON answers. */
final class ReceiverIo {
    /** How much of a refused body is read and dropped so that the client can read the refusal. */
    static final long DRAIN_LIMIT = 1 << 20;

    private ReceiverIo() {
    }

    /** The whole stream, or null when it holds more than {@code max} bytes (reading stops there). */
    static byte[] readBounded(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT} bytes: a client
     * still sending when the server closes the connection can lose the answer that says why.
     * Beyond the limit the connection is closed anyway.
     */
    static void drain(InputStream body) {
        byte[] buffer = new byte[8192];
        long left = DRAIN_LIMIT;
        try {
            int n;
            while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException e) {
            // The client went away; there is no one left to answer.
        }
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return out.append('"').toString();
    }
}
