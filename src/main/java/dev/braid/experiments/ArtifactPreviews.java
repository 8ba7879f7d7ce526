package dev.braid.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Decides how a downloaded artifact is shown: images by their extension, text by its extension or,
 * for files such as {@code MLmodel} that have none, by its first bytes being UTF-8 without NULs.
 */
final class ArtifactPreviews {
    static final Set<String> IMAGES = Set.of("png", "jpg", "jpeg", "gif", "bmp");
    static final Set<String> TEXT = Set.of("txt", "json", "yaml", "yml", "csv", "tsv", "md", "log", "py", "toml",
            "ini", "cfg", "conf", "xml", "html", "sql", "sh", "r", "properties", "jsonl", "ipynb");

    private ArtifactPreviews() {
    }

    /** The preview of {@code file}: at most {@code limit} bytes of it are read. */
    static ArtifactContent of(ArtifactEntry entry, Path file, long size, boolean reused, int limit)
            throws ExperimentException {
        String extension = extension(entry.name());
        if (IMAGES.contains(extension)) {
            return new ArtifactContent(entry, ArtifactContent.Kind.IMAGE, file, size, null, false, reused);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(limit);
        } catch (IOException e) {
            throw new ExperimentException("cannot read the downloaded artifact " + file + ": " + e.getMessage(), e);
        }
        boolean truncated = size > head.length;
        String text = decode(head, truncated, TEXT.contains(extension) || entry.name().equals("MLmodel"));
        return text == null
                ? new ArtifactContent(entry, ArtifactContent.Kind.BINARY, file, size, null, false, reused)
                : new ArtifactContent(entry, ArtifactContent.Kind.TEXT, file, size, text, truncated, reused);
    }

    /** The bytes as text; null when they do not look like text and {@code known} does not say they are. */
    private static String decode(byte[] bytes, boolean truncated, boolean known) {
        if (!known) {
            for (byte b : bytes) {
                if (b == 0) {
                    return null;
                }
            }
        }
        CodingErrorAction onError = known ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(onError)
                .onUnmappableCharacter(onError);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        // Not the end of input when cut short: a character split by the cut is left out, not an error.
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), out, !truncated);
        if (result.isError()) {
            return null;
        }
        if (!truncated) {
            decoder.flush(out);
        }
        return out.flip().toString();
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
