package dev.braid.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes a {@code git fast-import} stream of a DVC project's history: a seven-stage pipeline
 * ({@code prepare}, {@code train} and {@code evaluate} over three models by {@code foreach}), and
 * commits that edit code, change a param, bring new raw data (a {@code .dvc} file) or re-run the
 * pipeline ({@code dvc.lock} rewritten with the hashes DVC would record: MD5s of the git-tracked
 * files, the recorded hashes of upstream outputs). Edits that are not re-run leave stages changed
 * until the next re-run, as in real projects. Seeded: the same arguments give the same history.
 *
 * <pre>java dev.braid.bench.DvcHistoryGenerator COMMITS SEED | git fast-import</pre>
 */
public final class DvcHistoryGenerator {
    private static final String[] MODELS = {"small", "medium", "large"};
    private static final String DVC_YAML = """
            stages:
              prepare:
                cmd: python src/prepare.py data/raw.csv data/prepared
                deps: [data/raw.csv, src/prepare.py]
                params: [prepare.split, prepare.seed]
                outs: [data/prepared]
              train:
                foreach: ${models}
                do:
                  cmd: python src/train.py ${item}
                  deps: [data/prepared, src/train.py]
                  params: [train.lr, train.epochs]
                  outs: ["models/${item}.pkl"]
              evaluate:
                foreach: ${models}
                do:
                  cmd: python src/evaluate.py ${item}
                  deps: ["models/${item}.pkl", src/evaluate.py]
                  metrics:
                    - metrics/${item}.json:
                        cache: false
            """;

    private final Random random;
    private final OutputStream out;
    private final Map<String, String> files = new LinkedHashMap<>();
    private long time = 1_600_000_000L;
    private int mark;
    private int version;
    private String rawMd5;

    private DvcHistoryGenerator(long seed, OutputStream out) {
        this.random = new Random(seed);
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    public static void main(String[] args) throws IOException {
        new DvcHistoryGenerator(Long.parseLong(args[1]), System.out).write(Integer.parseInt(args[0]));
    }

    private void write(int commits) throws IOException {
        files.put(".dvc/config", "[core]\n    autostage = true\n");
        files.put(".dvc/.gitignore", "/config.local\n/tmp\n/cache\n");
        files.put(".dvcignore", "# Add patterns of files dvc should ignore\n");
        files.put(".gitignore", "/data/raw.csv\n/data/prepared\n/models/*.pkl\n");
        files.put("dvc.yaml", DVC_YAML);
        files.put("params.yaml", params(0.2, 7, 0.01, 10));
        for (String script : new String[] {"prepare", "train", "evaluate"}) {
            files.put("src/" + script + ".py", "# " + script + " v0\nprint('" + script + "')\n");
        }
        newRawData();
        rerun();
        commit("Start the pipeline");
        for (int i = 1; i < commits; i++) {
            int action = random.nextInt(10);
            if (action < 4) {
                String script = new String[] {"prepare", "train", "evaluate"}[random.nextInt(3)];
                files.put("src/" + script + ".py", "# " + script + " v" + (++version) + "\nprint('" + script + "')\n");
                commit("Edit src/" + script + ".py");
            } else if (action < 6) {
                files.put("params.yaml", params(0.1 + random.nextInt(4) / 10.0, 7, 0.001 * (1 + random.nextInt(20)),
                        5 + random.nextInt(10)));
                commit("Try other params");
            } else if (action < 7) {
                newRawData();
                commit("New raw data");
            } else if (action < 9) {
                rerun();
                commit("dvc repro");
            } else {
                files.put("README.md", "Notes " + i + "\n");
                commit("Docs");
            }
        }
        out.flush();
    }

    private static String params(double split, int seed, double lr, int epochs) {
        return "prepare:\n  split: " + split + "\n  seed: " + seed + "\ntrain:\n  lr: " + lr + "\n  epochs: " + epochs
                + "\nmodels:\n- small\n- medium\n- large\n";
    }

    private void newRawData() {
        rawMd5 = hex(16);
        files.put("data/raw.csv.dvc", "outs:\n- md5: " + rawMd5 + "\n  size: " + (1000 + random.nextInt(100000))
                + "\n  hash: md5\n  path: raw.csv\n");
    }

    /** What {@code dvc repro} records: every stage's deps, params and outs as they are now. */
    private void rerun() {
        String params = files.get("params.yaml");
        String split = value(params, "split");
        String seed = value(params, "seed");
        String lr = value(params, "lr");
        String epochs = value(params, "epochs");
        String prepared = hex(16) + ".dir";
        StringBuilder lock = new StringBuilder("schema: '2.0'\nstages:\n");
        lock.append("  prepare:\n    cmd: python src/prepare.py data/raw.csv data/prepared\n    deps:\n");
        entry(lock, "data/raw.csv", rawMd5);
        entry(lock, "src/prepare.py", md5(files.get("src/prepare.py")));
        lock.append("    params:\n      params.yaml:\n        prepare.seed: ").append(seed).append("\n        prepare.split: ")
                .append(split).append("\n    outs:\n");
        entry(lock, "data/prepared", prepared);
        Map<String, String> modelHashes = new LinkedHashMap<>();
        for (String model : MODELS) {
            String hash = hex(16);
            modelHashes.put(model, hash);
            lock.append("  train@").append(model).append(":\n    cmd: python src/train.py ").append(model).append("\n    deps:\n");
            entry(lock, "data/prepared", prepared);
            entry(lock, "src/train.py", md5(files.get("src/train.py")));
            lock.append("    params:\n      params.yaml:\n        train.epochs: ").append(epochs).append("\n        train.lr: ")
                    .append(lr).append("\n    outs:\n");
            entry(lock, "models/" + model + ".pkl", hash);
        }
        for (String model : MODELS) {
            String metrics = "{\"accuracy\": 0." + (500 + random.nextInt(500)) + ", \"loss\": 0." + random.nextInt(1000) + "}\n";
            files.put("metrics/" + model + ".json", metrics);
            lock.append("  evaluate@").append(model).append(":\n    cmd: python src/evaluate.py ").append(model).append("\n    deps:\n");
            entry(lock, "models/" + model + ".pkl", modelHashes.get(model));
            entry(lock, "src/evaluate.py", md5(files.get("src/evaluate.py")));
            lock.append("    outs:\n");
            entry(lock, "metrics/" + model + ".json", md5(metrics));
        }
        files.put("dvc.lock", lock.toString());
    }

    private static void entry(StringBuilder lock, String path, String md5) {
        lock.append("    - path: ").append(path).append("\n      hash: md5\n      md5: ").append(md5).append("\n      size: 1\n");
    }

    private static String value(String yaml, String key) {
        for (String line : yaml.split("\n")) {
            if (line.strip().startsWith(key + ":")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        throw new IllegalStateException(key);
    }

    private void commit(String message) throws IOException {
        time += 600 + random.nextInt(3600);
        StringBuilder c = new StringBuilder();
        c.append("commit refs/heads/main\nmark :").append(++mark).append('\n');
        c.append("committer Ada Okoye <ada@example.org> ").append(time).append(" +0000\n");
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        c.append("data ").append(msg.length).append('\n').append(message).append('\n');
        if (mark == 1) {
            c.append("deleteall\n");
        }
        out.write(c.toString().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
            out.write(("M 100644 inline " + file.getKey() + "\ndata " + data.length + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(data);
            out.write('\n');
        }
        out.write('\n');
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
