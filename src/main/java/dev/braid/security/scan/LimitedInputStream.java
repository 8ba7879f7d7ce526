package dev.braid.security.scan;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what is read through it (decompressed bytes, for a member) and stops with
 * {@link LimitReached} past a cap, so a bomb ends the read instead of the machine.
 */
class LimitedInputStream extends FilterInputStream {
    private final long cap;
    private final String what;
    private long count;

    LimitedInputStream(InputStream in, long cap, String what) {
        super(in);
        this.cap = cap;
        this.what = what;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            counted(skipped);
        }
        return skipped;
    }

    private void counted(long n) throws LimitReached {
        count += n;
        if (count > cap) {
            throw new LimitReached(what + " is larger than " + cap + " bytes");
        }
    }

    /** The cap was passed. */
    static final class LimitReached extends IOException {
        LimitReached(String message) {
            super(message);
        }
    }
}
