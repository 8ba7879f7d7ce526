package dev.braid.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Writes a large history into a repository quickly through {@code git fast-import}: a main line
 * with a side branch forked and merged back every {@code every} commits, strictly increasing dates.
 */
public final class SyntheticHistory {
    private SyntheticHistory() {
    }

    /** Appends {@code commits} commits on {@code branch}, continuing from its tip when it exists. */
    public static void append(Path repo, String branch, int commits, int every, long startTime, boolean continueTip)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder("git", "fast-import", "--quiet", "--force")
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream out = process.getOutputStream()) {
            StringBuilder s = new StringBuilder();
            long time = startTime;
            int mark = 0;
            int mainMark = 0;
            for (int i = 0; i < commits; i++) {
                boolean side = every > 0 && i % every >= every - 4 && i % every < every - 1;
                boolean merge = every > 0 && i % every == every - 1;
                String ref = side ? "refs/heads/side-" + (i / every) : "refs/heads/" + branch;
                mark++;
                s.append("commit ").append(ref).append('\n');
                s.append("mark :").append(mark).append('\n');
                s.append("committer Dev ").append(i % 7).append(" <dev").append(i % 7).append("@example.org> ")
                        .append(time += 30).append(" +0100\n");
                data(s, "change " + i + (merge ? " (merge)" : "") + "\n\nBody of change " + i + ".\n");
                if (i == 0 && continueTip) {
                    s.append("from refs/heads/").append(branch).append("^0\n");
                } else if (side && i % every == every - 4) {
                    if (mainMark > 0) {
                        s.append("from :").append(mainMark).append('\n');
                    } else if (continueTip) {
                        s.append("from refs/heads/").append(branch).append("^0\n");
                    }
                } else if (!side && mainMark > 0) {
                    s.append("from :").append(mainMark).append('\n');
                }
                if (merge) {
                    s.append("merge :").append(mark - 1).append('\n');
                }
                s.append("M 644 inline ").append(side ? "side.txt" : "file-" + (i % 13) + ".txt").append('\n');
                data(s, "line " + i + "\n");
                if (!side) {
                    mainMark = mark;
                }
                if (s.length() > 1 << 16) {
                    out.write(s.toString().getBytes(StandardCharsets.UTF_8));
                    s.setLength(0);
                }
            }
            out.write(s.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("git fast-import failed with exit " + process.exitValue());
        }
    }

    private static void data(StringBuilder s, String text) {
        s.append("data ").append(text.getBytes(StandardCharsets.UTF_8).length).append('\n').append(text).append('\n');
    }
}
