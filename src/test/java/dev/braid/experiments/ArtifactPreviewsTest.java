package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How downloaded artifacts are previewed, and which paths are accepted at all. */
class ArtifactPreviewsTest {
    @TempDir
    Path tmp;

    private ArtifactContent preview(String name, byte[] bytes, int limit) throws Exception {
        Path file = Files.write(tmp.resolve(name), bytes);
        return ArtifactPreviews.of(new ArtifactEntry(name, false, (long) bytes.length), file, bytes.length, false, limit);
    }

    @Test
    void textIsCutAtTheLimitWithoutBreakingACharacter() throws Exception {
        // "é" is two bytes in UTF-8; a limit of 5 bytes cuts the third one in half.
        ArtifactContent content = preview("notes.txt", "ééé.".getBytes(StandardCharsets.UTF_8), 5);
        assertEquals(ArtifactContent.Kind.TEXT, content.kind());
        assertEquals("éé", content.text());
        assertTrue(content.truncated());
    }

    @Test
    void filesWithoutAKnownExtensionAreTextWhenTheyLookLikeIt() throws Exception {
        assertEquals(ArtifactContent.Kind.TEXT, preview("MLmodel", "flavors: {}\n".getBytes(StandardCharsets.UTF_8), 100).kind());
        assertEquals(ArtifactContent.Kind.TEXT, preview("LICENSE", "MIT\n".getBytes(StandardCharsets.UTF_8), 100).kind());
        assertEquals(ArtifactContent.Kind.BINARY, preview("model.pkl", new byte[] {(byte) 0x80, 4, 0, 1}, 100).kind());
        assertEquals(ArtifactContent.Kind.BINARY, preview("weights", new byte[] {(byte) 0xff, (byte) 0xfe, 65}, 100).kind());
        ArtifactContent known = preview("broken.csv", new byte[] {'a', ',', (byte) 0xff, '\n'}, 100);
        assertEquals(ArtifactContent.Kind.TEXT, known.kind(), "a text extension is shown even with a bad byte");
        assertFalse(known.truncated());
    }

    @Test
    void imagesGoByTheirExtension() throws Exception {
        assertEquals(ArtifactContent.Kind.IMAGE, preview("ROC.PNG", new byte[] {1, 2, 3}, 100).kind());
        assertEquals(ArtifactContent.Kind.IMAGE, preview("photo.jpeg", new byte[] {1, 2, 3}, 100).kind());
    }

    @Test
    void onlyRelativePathsThatStayInsideAreAccepted() throws Exception {
        assertEquals("", ArtifactPaths.check(null));
        assertEquals("plots/roc curve.png", ArtifactPaths.check("plots/roc curve.png"));
        assertEquals("..hidden/x", ArtifactPaths.check("..hidden/x"));
        for (String bad : new String[] {"..", "../x", "a/..", "a/./b", "/abs", "a//b", "a/", "c:/x", "a\\b", "a\u0000b", "a\nb"}) {
            assertThrows(ExperimentException.class, () -> ArtifactPaths.check(bad), bad);
        }
        assertEquals(tmp.resolve("a/b.txt"), ArtifactPaths.inside(tmp, "a/b.txt"));
    }
}
