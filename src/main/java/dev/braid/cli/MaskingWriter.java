package dev.braid.cli;

import dev.braid.sync.Secrets;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Masks the secrets Braid knows ({@link Secrets}) in everything written through it, a line at a
 * time (a secret is only recognisable whole). A partial line goes out when flushed, as progress
 * lines do.
 */
final class MaskingWriter extends FilterWriter {
    private final Secrets secrets;
    private final StringBuilder line = new StringBuilder();

    MaskingWriter(Writer target, Secrets secrets) {
        super(target);
        this.secrets = secrets;
    }

    @Override
    public void write(int c) throws IOException {
        synchronized (lock) {
            line.append((char) c);
            if (c == '\n') {
                emit();
            }
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        write(new String(chars, offset, length), 0, length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        synchronized (lock) {
            int end = offset + length;
            int from = offset;
            for (int i = offset; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line.append(text, from, i + 1);
                    emit();
                    from = i + 1;
                }
            }
            line.append(text, from, end);
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            emit();
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            emit();
            out.close();
        }
    }

    private void emit() throws IOException {
        if (line.length() > 0) {
            out.write(secrets.mask(line.toString()));
            line.setLength(0);
        }
    }
}
