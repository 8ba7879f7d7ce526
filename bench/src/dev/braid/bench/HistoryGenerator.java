package dev.braid.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a {@code git fast-import} stream of a large, busy history: a main line with feature
 * branches worked on side by side and merged back, release tags, many authors in several time
 * zones and strictly increasing timestamps. Seeded, so the same arguments give the same hashes.
 *
 * <pre>java dev.braid.bench.HistoryGenerator COMMITS SEED START_EPOCH_SECONDS [append] | git fast-import</pre>
 *
 * With {@code append} the commits continue from {@code refs/heads/main} of an existing repository
 * and the branches are named {@code incoming/<start>-N}.
 */
public final class HistoryGenerator {
    private static final String[] FIRST = {"Ada", "Ben", "Chen", "Dana", "Emeka", "Farah", "Gustav", "Hana", "Ivan", "Jamal",
            "Kaito", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"};
    private static final String[] LAST = {"Okoye", "Berg", "Wang", "Silva", "Novak", "Haddad", "Kim", "Moreau", "Rossi", "Tanaka"};
    private static final String[] ZONES = {"+0000", "+0100", "+0200", "+0530", "+0900", "-0500", "-0800", "+1000"};
    private static final String[] VERBS = {"Fix", "Add", "Refactor", "Speed up", "Document", "Test", "Simplify", "Handle"};
    private static final String[] THINGS = {"parser", "cache", "retry logic", "config loading", "feature store client",
            "metrics export", "batch scoring", "schema checks", "CLI flags", "logging", "auth token refresh", "pagination"};
    private static final int MODULES = 40;
    private static final int FILES_PER_MODULE = 10;

    private final Random random;
    private final OutputStream out;
    private long time;
    private int mark;
    private int written;

    /** A branch being worked on: where it is, and the files it changed, replayed when merged. */
    private static final class Branch {
        final String name;
        int tip;
        int commits;
        final Map<String, String> changed = new LinkedHashMap<>();

        Branch(String name, int tip) {
            this.name = name;
            this.tip = tip;
        }
    }

    public HistoryGenerator(long seed, long startEpochSeconds, OutputStream out) {
        this.random = new Random(seed);
        this.time = startEpochSeconds;
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    public static void main(String[] args) throws IOException {
        int commits = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        long start = Long.parseLong(args[2]);
        boolean append = args.length > 3 && args[3].equals("append");
        new HistoryGenerator(seed, start, System.out).write(commits, append);
    }

    /** Writes {@code commits} commits (merges included) and flushes. */
    public void write(int commits, boolean append) throws IOException {
        // Appended rounds get their own branch names, so every ref update is a fast-forward.
        String prefix = append ? "incoming/" + Long.toString(time, 36) + "-" : "feature/";
        int mainTip;
        if (append) {
            mainTip = commit("refs/heads/main", "from refs/heads/main^0", null, Map.of(touch()[0], content()),
                    "Start of new work");
        } else {
            Map<String, String> files = new LinkedHashMap<>();
            for (int m = 0; m < MODULES; m++) {
                for (int f = 0; f < FILES_PER_MODULE; f++) {
                    files.put(path(m, f), content());
                }
            }
            files.put("README.md", "# generated benchmark repository\n");
            mainTip = commit("refs/heads/main", null, null, files, "Initial import");
        }
        List<Branch> active = new ArrayList<>();
        int branchNumber = 0;
        while (written < commits) {
            int roll = random.nextInt(100);
            if (active.size() < 2 || (roll < 6 && active.size() < 6)) {
                active.add(new Branch(prefix + (branchNumber++ % 50), mainTip));
                continue;
            }
            if (roll < 30) {
                mainTip = commit("refs/heads/main", "from :" + mainTip, null, changes(null), subject());
            } else if (roll < 88) {
                Branch branch = active.get(random.nextInt(active.size()));
                branch.tip = commit("refs/heads/" + branch.name, "from :" + branch.tip, null, changes(branch), subject());
                branch.commits++;
            } else {
                Branch branch = active.get(random.nextInt(active.size()));
                if (branch.commits == 0) {
                    continue;
                }
                active.remove(branch);
                mainTip = commit("refs/heads/main", "from :" + mainTip, branch.tip, branch.changed,
                        "Merge branch '" + branch.name + "'");
                if (!append && written % 2000 < 30 && written > 2000) {
                    line("reset refs/tags/r" + (written / 2000));
                    line("from :" + mainTip);
                    line("");
                }
            }
        }
        out.flush();
    }

    private int commit(String ref, String from, Integer merge, Map<String, String> files, String subject) throws IOException {
        mark++;
        written++;
        time += 30 + random.nextInt(1800);
        int who = random.nextInt(FIRST.length * LAST.length);
        String name = FIRST[who % FIRST.length] + " " + LAST[who / FIRST.length];
        String email = name.toLowerCase().replace(' ', '.') + "@example.org";
        String zone = ZONES[who % ZONES.length];
        line("commit " + ref);
        line("mark :" + mark);
        line("author " + name + " <" + email + "> " + time + " " + zone);
        line("committer " + name + " <" + email + "> " + time + " " + zone);
        data(subject + "\n");
        if (from != null) {
            line(from);
        }
        if (merge != null) {
            line("merge :" + merge);
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            line("M 100644 inline " + file.getKey());
            data(file.getValue());
        }
        line("");
        return mark;
    }

    private Map<String, String> changes(Branch branch) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : touch()) {
            String text = content();
            files.put(path, text);
            if (branch != null) {
                branch.changed.put(path, text);
            }
        }
        return files;
    }

    private String[] touch() {
        String[] paths = new String[1 + random.nextInt(3)];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = path(random.nextInt(MODULES), random.nextInt(FILES_PER_MODULE));
        }
        return paths;
    }

    private static String path(int module, int file) {
        return "src/module" + module + "/file" + file + ".py";
    }

    private String content() {
        StringBuilder text = new StringBuilder();
        int lines = 6 + random.nextInt(10);
        for (int i = 0; i < lines; i++) {
            text.append("value_").append(i).append(" = ").append(random.nextInt(100_000)).append('\n');
        }
        return text.toString();
    }

    private String subject() {
        return VERBS[random.nextInt(VERBS.length)] + " " + THINGS[random.nextInt(THINGS.length)]
                + " in module" + random.nextInt(MODULES);
    }

    private void line(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    private void data(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        line("data " + bytes.length);
        out.write(bytes);
        out.write('\n');
    }
}
