package dev.braid.lineage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream line by line as bytes, never holding more than {@code maxBytes} of one line: a
 * longer line is skipped to its end and reported as too long, so a hostile file cannot make the
 * reader buffer it whole.
 */
final class BoundedLines {
    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int number;

    BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** One line: its 1-based number and bytes (without the line end), or null bytes when it was too long. */
    record Line(int number, byte[] bytes, long length) {
        boolean tooLong() {
            return bytes == null;
        }
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        line.reset();
        long length = 0;
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            length++;
            if (length <= maxBytes) {
                line.write(b);
            }
        }
        if (!any) {
            return null;
        }
        number++;
        if (length > maxBytes) {
            return new Line(number, null, length);
        }
        byte[] bytes = line.toByteArray();
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        return new Line(number, end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end), length);
    }
}
