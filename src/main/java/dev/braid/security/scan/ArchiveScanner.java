package dev.braid.security.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Archives: zip (PyTorch checkpoints whatever their top folder, {@code .npz}, {@code .keras},
 * plain zips), 7z and tar, and single compressed streams (gzip, bzip2, xz, lzma, zlib, lz4, as
 * joblib writes them). Every member is recognised by its bytes, never by its name. Members are
 * read through {@link LimitedInputStream}s and count against the file's decompression budget;
 * too many members, overlapping members and declared sizes far beyond the archive's are findings.
 */
final class ArchiveScanner {
    /** Nested archives up to this size are read into memory; larger ones go to a temporary file. */
    private static final long IN_MEMORY = 64L * 1024 * 1024;
    private final ContentScanner scanner;
    private final ScanLimits limits;

    ArchiveScanner(ContentScanner scanner, ScanLimits limits) {
        this.scanner = scanner;
        this.limits = limits;
    }

    /** A zip or 7z archive, which need random access: the file itself, or its bytes. */
    FileFormat scanRandomAccess(Content content, FileFormat format, String location, int depth, ScanSink sink)
            throws IOException {
        Path spilled = null;
        try {
            Path path = content.path();
            byte[] bytes = content.bytes();
            if (path == null && bytes == null) {
                if (content.size() >= 0 && content.size() <= IN_MEMORY) {
                    try (InputStream in = content.open()) {
                        bytes = in.readAllBytes();
                    }
                } else {
                    spilled = Files.createTempFile("braid-scan-", ".archive");
                    try (InputStream in = content.open()) {
                        Files.copy(in, spilled, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    path = spilled;
                }
            }
            long size = path != null ? Files.size(path) : bytes.length;
            try (SeekableByteChannel channel = path != null ? Files.newByteChannel(path) : new SeekableInMemoryByteChannel(bytes)) {
                return format == FileFormat.SEVEN_ZIP ? sevenZip(channel, location, depth, sink)
                        : zip(channel, size, location, depth, sink);
            }
        } catch (LimitedInputStream.LimitReached e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.UNREADABLE, "", "the " + format.label()
                    + " cannot be read: " + message(e)));
            return format;
        } finally {
            if (spilled != null) {
                Files.deleteIfExists(spilled);
            }
        }
    }

    private FileFormat zip(SeekableByteChannel channel, long archiveSize, String location, int depth, ScanSink sink)
            throws IOException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            List<String> names = entries.stream().map(ZipArchiveEntry::getName).toList();
            if (!checkShape(entries, archiveSize, location, sink)) {
                return FileFormat.ZIP;
            }
            FileFormat kind = ZipKinds.kind(names);
            for (ZipArchiveEntry entry : entries) {
                if (entry.isDirectory() || sink.overBudget()) {
                    continue;
                }
                String where = join(location, entry.getName());
                if (kind == FileFormat.KERAS && entry.getName().equals("config.json")) {
                    scanner.keras().scanConfig(open(zip, entry, where, sink), where, sink);
                    continue;
                }
                if (kind == FileFormat.SKOPS && entry.getName().equals("schema.json")) {
                    scanner.skops().scan(open(zip, entry, where, sink), where, sink);
                    continue;
                }
                FileFormat found = scanner.scan(Content.stream(entry.getName(), entry.getSize(),
                        () -> open(zip, entry, where, sink)), where, depth + 1, sink);
                if (found == FileFormat.OTHER && entry.getGeneralPurposeBit().usesEncryption()) {
                    // Really encrypted (a flag set on plain data would have been recognised above).
                    sink.add(new Finding(where, Rating.UNKNOWN, FindingKind.UNREADABLE, "", "the member is encrypted;"
                            + " its content cannot be scanned"));
                }
            }
            if (location.isEmpty()) {
                sink.refine(kind);
            }
            return kind;
        }
    }

    /** Reads a member even when its flags say it is encrypted or its method is odd, as lenient loaders do. */
    private InputStream open(ZipFile zip, ZipArchiveEntry entry, String where, ScanSink sink) throws IOException {
        InputStream raw;
        if (zip.canReadEntryData(entry)) {
            raw = zip.getInputStream(entry);
        } else if (entry.getMethod() == ZipMethod.STORED.getCode()) {
            raw = zip.getRawInputStream(entry);
        } else if (entry.getMethod() == ZipMethod.DEFLATED.getCode()) {
            raw = new InflaterInputStream(zip.getRawInputStream(entry), new Inflater(true));
        } else {
            throw new IOException("member " + entry.getName() + " uses compression method " + entry.getMethod()
                    + ", which Braid cannot read");
        }
        return budgeted(raw, where, sink);
    }

    private boolean checkShape(List<ZipArchiveEntry> entries, long archiveSize, String location, ScanSink sink) {
        if (entries.size() > limits.maxMembers()) {
            sink.add(new Finding(location, Rating.SUSPICIOUS, FindingKind.LIMIT, "", "the archive has " + entries.size()
                    + " members, more than " + limits.maxMembers() + "; not scanned"));
            return false;
        }
        Set<Long> offsets = new HashSet<>();
        long declared = 0;
        for (ZipArchiveEntry entry : entries) {
            if (!entry.isDirectory() && entry.getLocalHeaderOffset() >= 0 && !offsets.add(entry.getLocalHeaderOffset())) {
                sink.add(new Finding(location, Rating.SUSPICIOUS, FindingKind.LIMIT, entry.getName(),
                        "members share their data (overlapping entries, as in decompression bombs)"));
                return false;
            }
            declared += Math.max(0, entry.getSize());
        }
        if (declared > limits.maxExpandedBytes() && declared / Math.max(1, archiveSize) > limits.maxRatio()) {
            sink.add(new Finding(location, Rating.SUSPICIOUS, FindingKind.LIMIT, "", "the archive declares " + declared
                    + " bytes of content in " + archiveSize + " (a decompression bomb?); not scanned"));
            return false;
        }
        return true;
    }

    private FileFormat sevenZip(SeekableByteChannel channel, String location, int depth, ScanSink sink) throws IOException {
        try (SevenZFile archive = SevenZFile.builder().setSeekableByteChannel(channel).get()) {
            int members = 0;
            List<String> names = new ArrayList<>();
            for (SevenZArchiveEntry entry : archive.getEntries()) {
                if (++members > limits.maxMembers()) {
                    sink.add(new Finding(location, Rating.SUSPICIOUS, FindingKind.LIMIT, "", "more than "
                            + limits.maxMembers() + " members; the rest was not scanned"));
                    break;
                }
                if (entry.isDirectory() || !entry.hasStream() || sink.overBudget()) {
                    continue;
                }
                names.add(entry.getName());
                String where = join(location, entry.getName());
                scanner.scan(Content.stream(entry.getName(), entry.getSize(),
                        () -> budgeted(archive.getInputStream(entry), where, sink)), where, depth + 1, sink);
            }
            return FileFormat.SEVEN_ZIP;
        }
    }

    /** A tar archive, read in one pass: each member is read into memory (within the limits) and scanned. */
    void scanTar(Content content, String location, int depth, ScanSink sink) throws IOException {
        try (InputStream in = content.open(); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            int members = 0;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null && !sink.overBudget()) {
                if (++members > limits.maxMembers()) {
                    sink.add(new Finding(location, Rating.SUSPICIOUS, FindingKind.LIMIT, "", "more than "
                            + limits.maxMembers() + " members; the rest was not scanned"));
                    return;
                }
                if (!entry.isFile()) {
                    continue;
                }
                String where = join(location, entry.getName());
                byte[] bytes = budgeted(tar, where, sink).readAllBytes();
                scanner.scan(Content.bytes(entry.getName(), bytes), where, depth + 1, sink);
            }
        } catch (LimitedInputStream.LimitReached e) {
            throw e;
        } catch (IOException e) {
            sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.UNREADABLE, "", "the tar archive cannot be read: "
                    + message(e)));
        }
    }

    /** One compressed stream: what it decompresses to is scanned as if it were the file. */
    void scanCompressed(Content content, String codec, String location, int depth, ScanSink sink) throws IOException {
        if (codec.equals("zstd")) {
            sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.UNREADABLE, "", "zstd-compressed; Braid cannot"
                    + " decompress it to scan it"));
            return;
        }
        String inner = stripCompressionExtension(content.name());
        Content.Opener opener = () -> budgeted(decompress(content.open(), codec), location, sink);
        try {
            scanner.scan(Content.stream(inner, -1, opener), location, depth + 1, sink);
        } catch (LimitedInputStream.LimitReached e) {
            throw e;
        } catch (IOException e) {
            sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.UNREADABLE, "", "the " + codec
                    + " stream cannot be decompressed: " + message(e)));
        }
    }

    private static InputStream decompress(InputStream in, String codec) throws IOException {
        if (codec.equals("zlib")) {
            return new InflaterInputStream(in);
        }
        String name = switch (codec) {
            case "gzip" -> CompressorStreamFactory.GZIP;
            case "bzip2" -> CompressorStreamFactory.BZIP2;
            case "xz" -> CompressorStreamFactory.XZ;
            case "lzma" -> CompressorStreamFactory.LZMA;
            case "lz4" -> CompressorStreamFactory.LZ4_FRAMED;
            default -> throw new IOException("unknown compression " + codec);
        };
        try {
            return new CompressorStreamFactory(true).createCompressorInputStream(name, in);
        } catch (org.apache.commons.compress.compressors.CompressorException e) {
            in.close();
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Caps one member's decompressed size, and counts what was read against the file's budget when closed. */
    private InputStream budgeted(InputStream in, String where, ScanSink sink) {
        return new LimitedInputStream(in, limits.maxMemberBytes(), where.isEmpty() ? "the decompressed stream" : where) {
            private boolean counted;

            @Override
            public void close() throws IOException {
                if (!counted) {
                    counted = true;
                    sink.expand(count(), where);
                }
                super.close();
            }
        };
    }

    private static String stripCompressionExtension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : List.of(".gz", ".bz2", ".xz", ".lzma", ".z", ".lz4", ".zst")) {
            if (lower.endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    private static String join(String location, String member) {
        return location.isEmpty() ? member : location + " > " + member;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
