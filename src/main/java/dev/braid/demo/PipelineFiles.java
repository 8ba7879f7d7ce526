package dev.braid.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Renders the DVC side of the project: {@code params.yaml}, {@code dvc.yaml}, {@code dvc.lock},
 * {@code data/raw.csv.dvc} and {@code metrics.json}. Hashes of data are derived from everything
 * upstream of it, as if {@code dvc repro} had run before each commit; hashes of code are the real
 * md5 of the rendered file.
 */
final class PipelineFiles {
    static final List<String> PARAM_SECTIONS = List.of("prepare", "featurize", "train", "evaluate");

    private PipelineFiles() {
    }

    /** Renders into {@code files}, which must already hold the Python sources. */
    static void render(ProjectState s, Map<String, String> files) {
        files.put("params.yaml", params(s));
        files.put("dvc.yaml", dvcYaml(s));
        String raw = md5(".raw:" + s.get("data.rev", "1"));
        long rawSize = 31_000_000L + s.getInt("data.rev", 1) * 2_750_000L + lowDigits(raw, 100_000);
        files.put("data/raw.csv.dvc", "outs:\n- md5: " + raw + "\n  size: " + rawSize + "\n  hash: md5\n  path: raw.csv\n");
        files.put("data/.gitignore", "/raw.csv\n/prepared\n/features\n");
        String metrics = metrics(s);
        files.put("metrics.json", metrics);
        files.put("dvc.lock", lock(s, files, raw, rawSize, metrics));
    }

    private static String params(ProjectState s) {
        StringBuilder yaml = new StringBuilder();
        for (String section : PARAM_SECTIONS) {
            NavigableMap<String, String> values = s.under("param." + section + ".");
            if (values.isEmpty()) {
                continue;
            }
            yaml.append(section).append(":\n");
            values.forEach((key, value) -> yaml.append("  ").append(key).append(": ").append(value).append('\n'));
        }
        return yaml.toString();
    }

    private static String dvcYaml(ProjectState s) {
        StringBuilder y = new StringBuilder("stages:\n");
        if (s.has("stage.validate")) {
            y.append("  validate:\n    cmd: python src/validate.py data/raw.csv\n");
            y.append("    deps:\n    - data/raw.csv\n    - src/validate.py\n");
        }
        y.append("  prepare:\n    cmd: python src/prepare.py data/raw.csv data/prepared\n");
        y.append("    deps:\n    - data/raw.csv\n    - src/prepare.py\n");
        appendParamNames(y, s, "prepare");
        y.append("    outs:\n    - data/prepared\n");
        y.append("  featurize:\n    cmd: python src/features.py data/prepared data/features\n");
        y.append("    deps:\n    - data/prepared\n    - features\n    - src/features.py\n");
        appendParamNames(y, s, "featurize");
        y.append("    outs:\n    - data/features\n");
        y.append("  train:\n    cmd: python src/train.py data/features model.pkl\n");
        y.append("    deps:\n    - data/features\n    - src/train.py\n");
        appendParamNames(y, s, "train");
        y.append("    outs:\n    - model.pkl\n");
        y.append("  evaluate:\n    cmd: python src/evaluate.py model.pkl data/features\n");
        y.append("    deps:\n    - data/features\n    - model.pkl\n    - src/evaluate.py\n");
        appendParamNames(y, s, "evaluate");
        y.append("    metrics:\n    - metrics.json:\n        cache: false\n");
        if (s.has("code.evaluate.drift")) {
            y.append("    - reports/drift.json:\n        cache: false\n");
        }
        return y.toString();
    }

    private static void appendParamNames(StringBuilder y, ProjectState s, String section) {
        y.append("    params:\n");
        s.under("param." + section + ".").keySet()
                .forEach(key -> y.append("    - ").append(section).append('.').append(key).append('\n'));
    }

    private static String lock(ProjectState s, Map<String, String> files, String raw, long rawSize, String metrics) {
        StringBuilder y = new StringBuilder("schema: '2.0'\nstages:\n");
        if (s.has("stage.validate")) {
            y.append("  validate:\n    cmd: python src/validate.py data/raw.csv\n    deps:\n");
            dep(y, "data/raw.csv", raw, rawSize, 0);
            fileDep(y, files, "src/validate.py");
        }
        String prepared = md5("prepared:" + raw + s.under("param.prepare.") + files.get("src/prepare.py")) + ".dir";
        long preparedSize = rawSize * 83 / 100;
        y.append("  prepare:\n    cmd: python src/prepare.py data/raw.csv data/prepared\n    deps:\n");
        dep(y, "data/raw.csv", raw, rawSize, 0);
        fileDep(y, files, "src/prepare.py");
        lockParams(y, s, "prepare");
        y.append("    outs:\n");
        dep(y, "data/prepared", prepared, preparedSize, 2);

        StringBuilder definitions = new StringBuilder();
        files.forEach((path, content) -> {
            if (path.startsWith("features/")) {
                definitions.append(path).append(content);
            }
        });
        String featureDir = md5("definitions:" + definitions) + ".dir";
        long featureDirSize = definitions.length();
        int featureCount = (int) files.keySet().stream().filter(p -> p.startsWith("features/")).count();
        String features = md5("features:" + prepared + featureDir + s.under("param.featurize.") + files.get("src/features.py")) + ".dir";
        long featuresSize = preparedSize / 9 + featureCount * 410_000L;
        y.append("  featurize:\n    cmd: python src/features.py data/prepared data/features\n    deps:\n");
        dep(y, "data/prepared", prepared, preparedSize, 2);
        dep(y, "features", featureDir, featureDirSize, featureCount);
        fileDep(y, files, "src/features.py");
        lockParams(y, s, "featurize");
        y.append("    outs:\n");
        dep(y, "data/features", features, featuresSize, 2);

        String model = md5("model:" + features + s.under("param.train.") + files.get("src/train.py"));
        long modelSize = 180_000L + s.getInt("param.train.n_estimators", 100) * 2_900L + lowDigits(model, 5_000);
        y.append("  train:\n    cmd: python src/train.py data/features model.pkl\n    deps:\n");
        dep(y, "data/features", features, featuresSize, 2);
        fileDep(y, files, "src/train.py");
        lockParams(y, s, "train");
        y.append("    outs:\n");
        dep(y, "model.pkl", model, modelSize, 0);

        y.append("  evaluate:\n    cmd: python src/evaluate.py model.pkl data/features\n    deps:\n");
        dep(y, "data/features", features, featuresSize, 2);
        dep(y, "model.pkl", model, modelSize, 0);
        fileDep(y, files, "src/evaluate.py");
        lockParams(y, s, "evaluate");
        y.append("    outs:\n");
        dep(y, "metrics.json", md5(metrics), metrics.getBytes(StandardCharsets.UTF_8).length, 0);
        return y.toString();
    }

    private static void fileDep(StringBuilder y, Map<String, String> files, String path) {
        String content = files.get(path);
        dep(y, path, md5(content), content.getBytes(StandardCharsets.UTF_8).length, 0);
    }

    private static void dep(StringBuilder y, String path, String md5, long size, int nfiles) {
        y.append("    - path: ").append(path).append("\n      hash: md5\n      md5: ").append(md5)
                .append("\n      size: ").append(size).append('\n');
        if (nfiles > 0) {
            y.append("      nfiles: ").append(nfiles).append('\n');
        }
    }

    private static void lockParams(StringBuilder y, ProjectState s, String section) {
        NavigableMap<String, String> values = s.under("param." + section + ".");
        y.append("    params:\n      params.yaml:\n");
        values.forEach((key, value) -> y.append("        ").append(section).append('.').append(key).append(": ")
                .append(value).append('\n'));
    }

    /**
     * Metrics improve slowly as features and fixes land, with a little noise from the parameters,
     * so charts over the history look like a real project's.
     */
    private static String metrics(ProjectState s) {
        long features = s.asMap().keySet().stream().filter(k -> k.startsWith("feature.")).count();
        long code = s.asMap().keySet().stream().filter(k -> k.startsWith("code.")).count();
        String noiseSource = md5("noise:" + s.under("param.") + s.get("data.rev", "1"));
        double noise = (lowDigits(noiseSource, 1000) - 500) / 50_000.0;
        double auc = Math.min(0.955, 0.742 + features * 0.0105 + code * 0.0022 + noise);
        double accuracy = Math.min(0.93, 0.801 + features * 0.0058 + code * 0.0011 + noise * 0.8);
        double f1 = Math.min(0.88, 0.552 + features * 0.0141 + code * 0.0027 + noise * 1.3);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  \"accuracy\": %.4f", accuracy));
        if (s.has("code.train.calibration")) {
            lines.add(String.format(Locale.ROOT, "  \"brier\": %.4f", 0.16 - features * 0.003 - noise / 2));
        }
        lines.add(String.format(Locale.ROOT, "  \"f1\": %.4f", f1));
        lines.add(String.format(Locale.ROOT, "  \"roc_auc\": %.4f", auc));
        return "{\n" + String.join(",\n", lines) + "\n}\n";
    }

    static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static long lowDigits(String hex, int modulus) {
        return Long.parseLong(hex.substring(0, 8), 16) % modulus;
    }
}
