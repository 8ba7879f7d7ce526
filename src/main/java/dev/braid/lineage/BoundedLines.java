package dev.braid.lineage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream line by line as bytes, never holding more than {@code maxBytes} of one line: a
 * longer line is skipped to its end and reported as too long, so a hostile file cannot make the
 * reader buffer it whole. Reads the stream in blocks of its own and looks for line ends in them,
 * rather than a byte at a time, which a file of 100,000 events would feel.
 */
final class BoundedLines {
    private static final int BLOCK = 1 << 16;
    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final byte[] block = new byte[BLOCK];
    private int position;
    private int limit;
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
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            any = true;
            int end = indexOfNewline();
            int stop = end < 0 ? limit : end;
            int chunk = stop - position;
            if (length < maxBytes) {
                line.write(block, position, (int) Math.min(chunk, maxBytes - length));
            }
            length += chunk;
            position = end < 0 ? limit : end + 1;
            if (end >= 0) {
                break;
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

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (block[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = in.read(block, 0, block.length);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
