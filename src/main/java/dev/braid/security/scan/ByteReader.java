package dev.braid.security.scan;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream byte by byte with its own buffer, knowing its position, and skips large
 * payloads without copying them (a seek for files). Not thread-safe; the caller closes the stream.
 */
final class ByteReader {
    private static final int BUFFER = 64 * 1024;
    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int start;
    private int end;
    private long consumedBeforeBuffer;

    ByteReader(InputStream in) {
        this.in = in;
    }

    /** Bytes read (or skipped) so far. */
    long position() {
        return consumedBeforeBuffer + start;
    }

    /** The next byte, 0–255, or -1 at the end of the stream. */
    int read() throws IOException {
        if (start == end && !fill()) {
            return -1;
        }
        return buffer[start++] & 0xff;
    }

    /** The next byte without consuming it, or -1 at the end. */
    int peek() throws IOException {
        if (start == end && !fill()) {
            return -1;
        }
        return buffer[start] & 0xff;
    }

    /** The next byte; the end of the stream here is a truncation. */
    int readByte() throws IOException {
        int b = read();
        if (b < 0) {
            throw new EOFException("the stream ends in the middle of an opcode");
        }
        return b;
    }

    /** Exactly {@code n} bytes. */
    byte[] readFully(int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            if (start == end && !fill()) {
                throw new EOFException("the stream ends " + (n - got) + " bytes short of a " + n + "-byte value");
            }
            int take = Math.min(n - got, end - start);
            System.arraycopy(buffer, start, out, got, take);
            start += take;
            got += take;
        }
        return out;
    }

    /** A little-endian unsigned integer of {@code size} bytes (1, 2, 4 or 8). */
    long readLittleEndian(int size) throws IOException {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= ((long) readByte()) << (8 * i);
        }
        return value;
    }

    /** Skips exactly {@code n} bytes; fails at the end of the stream. */
    void skip(long n) throws IOException {
        long left = n;
        int buffered = Math.min(end - start, (int) Math.min(left, Integer.MAX_VALUE));
        start += buffered;
        left -= buffered;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                // Some streams (inflaters) skip nothing until read; reading one byte tells the end from a pause.
                if (in.read() < 0) {
                    throw new EOFException("the stream ends " + left + " bytes short of a " + n + "-byte payload");
                }
                skipped = 1;
            }
            consumedBeforeBuffer += skipped;
            left -= skipped;
        }
    }

    /**
     * A line ending in {@code \n} (without it), as protocol 0 writes arguments, decoded as
     * Latin-1 so every byte survives; at most {@code max} bytes.
     */
    String readLine(int max) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = readByte();
            if (b == '\n') {
                return line.toString();
            }
            if (line.length() >= max) {
                throw new IOException("a text argument runs past " + max + " bytes without a line end");
            }
            line.append((char) b);
        }
    }

    private boolean fill() throws IOException {
        consumedBeforeBuffer += end;
        start = 0;
        end = 0;
        int n = in.read(buffer, 0, BUFFER);
        while (n == 0) {
            n = in.read(buffer, 0, BUFFER);
        }
        if (n < 0) {
            return false;
        }
        end = n;
        return true;
    }
}
