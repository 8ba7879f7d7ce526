package dev.braid.experiments.wandb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Reads the record framing of a W&B {@code .wandb} transaction log, as W&B's client documents it:
 * LevelDB's log format (32 KiB blocks of chunks, each with a little-endian CRC-32 of its type byte
 * and payload, a 2-byte length and a type: full, first, middle or last) behind a 7-byte W&B header
 * ({@code ":W&B"}, magic {@code 0xBEE1}, version 0) that shortens the first block. A block's last
 * bytes too few for a chunk header are zero padding.
 *
 * <p>A log whose writer is still running (or was killed) ends in the middle of a record: that
 * incomplete tail is not an error, {@link #truncated()} says it was there. A bad header, a wrong
 * checksum or chunks out of order are errors naming the offset.
 */
public final class WandbLog implements AutoCloseable {
    static final int BLOCK = 32 * 1024;
    static final int CHUNK_HEADER = 7;
    private static final int FULL = 1;
    private static final int FIRST = 2;
    private static final int MIDDLE = 3;
    private static final int LAST = 4;
    private static final int MAGIC = 0xBEE1;
    private final InputStream in;
    private final Path file;
    private long offset;
    private boolean truncated;

    private WandbLog(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** Opens a log and checks its W&B header. */
    public static WandbLog open(Path file) throws IOException, WandbFormatException {
        WandbLog log = new WandbLog(file, new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16));
        try {
            byte[] header = log.in.readNBytes(CHUNK_HEADER);
            log.offset = header.length;
            boolean ident = header.length == CHUNK_HEADER && header[0] == ':' && header[1] == 'W' && header[2] == '&'
                    && header[3] == 'B';
            if (!ident || ((header[4] & 0xFF) | (header[5] & 0xFF) << 8) != MAGIC) {
                throw new WandbFormatException(file + " is not a W&B transaction log (no :W&B header)");
            }
            if (header[6] != 0) {
                throw new WandbFormatException(file + " has W&B log version " + header[6] + "; Braid reads version 0");
            }
            return log;
        } catch (IOException | WandbFormatException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** The next whole record's bytes, or null at the end of the log (or at an incomplete last record). */
    public byte[] next() throws IOException, WandbFormatException {
        ByteArrayOutputStream record = null;
        while (true) {
            long start = offset;
            int left = (int) (BLOCK - offset % BLOCK);
            if (left < CHUNK_HEADER) {
                byte[] pad = in.readNBytes(left);
                offset += pad.length;
                if (pad.length < left) {
                    return endOfLog(record);
                }
                for (byte b : pad) {
                    if (b != 0) {
                        throw new WandbFormatException(file + ": block padding at offset " + start + " is not zero");
                    }
                }
                continue;
            }
            byte[] header = in.readNBytes(CHUNK_HEADER);
            offset += header.length;
            if (header.length < CHUNK_HEADER) {
                return endOfLog(header.length == 0 ? record : mark(record));
            }
            long checksum = (header[0] & 0xFFL) | (header[1] & 0xFFL) << 8 | (header[2] & 0xFFL) << 16 | (header[3] & 0xFFL) << 24;
            int length = (header[4] & 0xFF) | (header[5] & 0xFF) << 8;
            int type = header[6] & 0xFF;
            if (type == 0 && length == 0 && checksum == 0) {
                return endOfLog(record); // preallocated zeros after the last chunk
            }
            if (length > left - CHUNK_HEADER) {
                throw new WandbFormatException(file + ": chunk at offset " + start + " runs past its block");
            }
            byte[] data = in.readNBytes(length);
            offset += data.length;
            if (data.length < length) {
                return endOfLog(mark(record));
            }
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(data);
            if (crc.getValue() != checksum) {
                throw new WandbFormatException(file + ": checksum mismatch in the chunk at offset " + start);
            }
            switch (type) {
                case FULL -> {
                    requireNone(record, start);
                    return data;
                }
                case FIRST -> {
                    requireNone(record, start);
                    record = new ByteArrayOutputStream(length * 2);
                    record.writeBytes(data);
                }
                case MIDDLE, LAST -> {
                    if (record == null) {
                        throw new WandbFormatException(file + ": a continuation chunk without its first at offset " + start);
                    }
                    record.writeBytes(data);
                    if (type == LAST) {
                        return record.toByteArray();
                    }
                }
                default -> throw new WandbFormatException(file + ": unknown chunk type " + type + " at offset " + start);
            }
        }
    }

    /** True when the log ended inside a record (its writer was still running or was stopped). */
    public boolean truncated() {
        return truncated;
    }

    private ByteArrayOutputStream mark(ByteArrayOutputStream record) {
        truncated = true;
        return record;
    }

    private byte[] endOfLog(ByteArrayOutputStream pending) {
        if (pending != null) {
            truncated = true;
        }
        return null;
    }

    private void requireNone(ByteArrayOutputStream record, long start) throws WandbFormatException {
        if (record != null) {
            throw new WandbFormatException(file + ": a record starts at offset " + start + " before the previous one ended");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
