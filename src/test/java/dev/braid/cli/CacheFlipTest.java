package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.cli.SqliteFileMap.Area;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real caches with one byte flipped (XOR with a random non-zero value), read by real commands.
 * Whatever the flip, a command never crashes (no exception class, no "unexpected error"), exits
 * 0 or 1, and explains a 1 in plain words. A flip in what SQLite can check (the database header,
 * page headers, cell pointers, cell sizes and record headers: the quick check every read command
 * runs first, {@link AnswerCheck}) never gives exit 0 with a result that differs from the
 * unflipped cache's. A flip inside a stored value can: SQLite keeps no checksums, so such flips
 * are counted and printed, not failed.
 */
class CacheFlipTest {
    private static final long SEED = 9_2026_12_06L;
    private static final int FLIPS = Integer.getInteger("braid.flips", 60);
    private static final List<String> PLAIN = List.of("The cache file is damaged.", "the cache holds a value Braid cannot read",
            "reading the cache failed", "The cache was written by a newer version of Braid.",
            "The disk reported an error");
    private static final String[][] READS = {{"status", "--json"}, {"repo", "log", "r", "--json"},
            {"lineage", "export", "--format", "json"}};

    @TempDir
    static Path home;
    private static byte[] pristine;
    private static List<String> baseline;
    private static SqliteFileMap map;
    private static final Map<Area, int[]> FIGURES = new EnumMap<>(Area.class);

    @BeforeAll
    static void buildACache() throws Exception {
        Path repo = home.resolve("repo");
        TestRepos.longHistory(repo, 400);
        Path data = home.resolve("data");
        assertEquals(0, new CliRun(home).run("--data-dir", data.toString(), "repo", "add", repo.toString(), "--name", "r"));
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            events.append(CacheFaultsTest.Events.one().replace("0000000000aa", String.format("%012x", i))
                    .replace("clean\"", "clean-" + i + "\"").replace("clean/a.parquet", "clean/a" + i + ".parquet")).append('\n');
        }
        Path file = Files.writeString(home.resolve("events.jsonl"), events);
        assertEquals(0, new CliRun(home).run("--data-dir", data.toString(), "lineage", "import", file.toString()));
        LogManager.getLogManager().reset();
        assertTrue(Files.notExists(data.resolve("cache.db-wal")), "every change is in the main file");
        pristine = Files.readAllBytes(data.resolve("cache.db"));
        map = new SqliteFileMap(pristine);
        baseline = outputs(data).outputs();
    }

    @AfterAll
    static void printFigures() throws IOException {
        StringBuilder out = new StringBuilder("byte flips by area: area, flips, exit 1 (reported), exit 0 same result,"
                + " exit 0 different result\n");
        FIGURES.forEach((area, f) -> out.append(area).append(", ").append(f[0]).append(", ").append(f[1]).append(", ")
                .append(f[2]).append(", ").append(f[3]).append('\n'));
        System.out.print(out);
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void aFlipAnywhereNeverCrashesAndAStructuralFlipNeverGivesAWrongAnswer() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < FLIPS; i++) {
            flipAndRead(random.nextInt(pristine.length), random);
        }
    }

    @Test
    void flipsInTheStructureSqliteCanCheckAreDetectedOrHarmless() throws Exception {
        Random random = new Random(SEED + 1);
        List<Integer> structure = new ArrayList<>(map.offsets(Area.STRUCTURE));
        structure.addAll(map.offsets(Area.RECORD));
        structure.addAll(map.offsets(Area.DATABASE_HEADER));
        for (int i = 0; i < FLIPS; i++) {
            flipAndRead(structure.get(random.nextInt(structure.size())), random);
        }
    }

    private void flipAndRead(int offset, Random random) throws Exception {
        byte[] copy = pristine.clone();
        copy[offset] ^= (byte) (1 + random.nextInt(255));
        Path data = Files.createTempDirectory(home, "flip");
        Files.write(data.resolve("cache.db"), copy);
        Area area = map.at(offset);
        Reads reads = outputs(data);
        int[] figures = FIGURES.computeIfAbsent(area, a -> new int[4]);
        figures[0]++;
        String where = "flip at " + offset + " (" + area + ", page " + offset / map.pageSize() + ")";
        for (int k = 0; k < READS.length; k++) {
            String err = reads.errors().get(k);
            assertTrue(!err.contains("Exception") && !err.contains("unexpected error") && !err.contains("\tat "),
                    where + ", " + String.join(" ", READS[k]) + ": " + err);
            int code = reads.codes().get(k);
            assertTrue(code == 0 || code == 1, where + ": exit " + code);
            if (code == 1) {
                assertTrue(PLAIN.stream().anyMatch(err::contains), where + ": " + err);
            }
        }
        if (reads.codes().contains(1)) {
            figures[1]++;
        } else if (reads.outputs().equals(baseline)) {
            figures[2]++;
        } else {
            figures[3]++;
            assertTrue(area == Area.VALUE || area == Area.UNUSED,
                    where + " changed a result without any command noticing: " + diff(reads.outputs()) + "; "
                            + dev.braid.store.CacheCheck.quick(data.resolve("cache.db")).describe() + "; " + owner(offset)
                            + "; integrity_check: " + integrity(data.resolve("cache.db")));
        }
    }

    /** Which table or index the flipped page belongs to, from the unflipped file. */
    private static String owner(int offset) throws Exception {
        Path copy = Files.createTempDirectory(home, "owner").resolve("c.db");
        Files.write(copy, pristine);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy);
             var st = c.prepareStatement("SELECT name, pagetype FROM dbstat WHERE pageno = ?")) {
            st.setInt(1, offset / map.pageSize() + 1);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) + " " + rs.getString(2) : "no b-tree";
            }
        }
    }

    private static String integrity(Path file) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement();
             var rs = st.executeQuery("PRAGMA integrity_check(3)")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getString(1)).append(" | ");
            }
            return out.toString();
        } catch (java.sql.SQLException e) {
            return e.getMessage();
        }
    }

    private static String diff(List<String> outputs) {
        for (int k = 0; k < outputs.size(); k++) {
            if (!outputs.get(k).equals(baseline.get(k))) {
                String[] a = baseline.get(k).split("\n");
                String[] b = outputs.get(k).split("\n");
                for (int line = 0; line < Math.min(a.length, b.length); line++) {
                    if (!a[line].equals(b[line])) {
                        return String.join(" ", READS[k]) + " line " + line + ": " + a[line] + " -> " + b[line];
                    }
                }
                return String.join(" ", READS[k]) + ": " + a.length + " lines -> " + b.length;
            }
        }
        return "";
    }

    private record Reads(List<Integer> codes, List<String> outputs, List<String> errors) {
    }

    private static Reads outputs(Path data) {
        List<Integer> codes = new ArrayList<>();
        List<String> outs = new ArrayList<>();
        List<String> errs = new ArrayList<>();
        for (String[] read : READS) {
            List<String> args = new ArrayList<>(List.of("--data-dir", data.toString()));
            args.addAll(List.of(read));
            CliRun cli = new CliRun(home);
            codes.add(cli.run(args.toArray(String[]::new)));
            outs.add(cli.out().replace(data.toString(), "DATA"));
            errs.add(cli.err());
        }
        return new Reads(codes, outs, errs);
    }
}
