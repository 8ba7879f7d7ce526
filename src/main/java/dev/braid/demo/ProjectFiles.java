package dev.braid.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Renders every file of the demo project from its {@link ProjectState}. */
final class ProjectFiles {
    private ProjectFiles() {
    }

    static SortedMap<String, String> render(ProjectState s) {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("README.md", readme(s));
        files.put(".gitignore", "__pycache__/\n*.pyc\n.venv/\n/model.pkl\n/model.onnx\n/reports/\n.ipynb_checkpoints/\nmlruns/\n/feature_repo/data/\n");
        files.put(".dvc/.gitignore", "/config.local\n/tmp\n/cache\n");
        files.put(".dvc/config", "[core]\n    remote = storage\n    autostage = true\n['remote \"storage\"']\n    url = s3://acme-ml-artifacts/churn-predictor\n");
        files.put(".dvcignore", "# Add patterns of files dvc should ignore\n");
        files.put("requirements.txt", requirements(s));
        files.put("pyproject.toml", pyproject(s));
        files.put("scripts/run_pipeline.sh", "#!/usr/bin/env bash\nset -euo pipefail\ndvc pull\ndvc repro\ndvc metrics show\n");
        files.put(".gitlab-ci.yml", GitLabCi.render(s));
        files.put(".github/workflows/ci.yml", GitHubActions.render(s));
        featureDefinitions(s, files);
        DemoFeast.render(s, files);
        PythonSources.render(s, files);
        PipelineFiles.render(s, files);
        return files;
    }

    private static String readme(ProjectState s) {
        StringBuilder md = new StringBuilder();
        md.append("# churn-predictor\n\n");
        md.append("Predicts which customers are likely to cancel in the next 60 days, so the retention team can\n");
        md.append("reach out first. Data and models are versioned with DVC; runs are tracked in MLflow.\n\n");
        md.append("Current release: **").append(s.get("version", "0.1.0")).append("**\n\n");
        md.append("## Setup\n\n```bash\npython -m venv .venv && . .venv/bin/activate\npip install -r requirements.txt\ndvc pull\n```\n\n");
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("doc.pipeline", "## Pipeline\n\n`dvc repro` runs prepare → featurize → train → evaluate; see `dvc.yaml`.\n"
                + "`dvc dag` prints the graph and `dvc metrics diff main` compares with the main branch.\n");
        sections.put("doc.features", "## Features\n\nFeature definitions live in `features/*.yaml`, one file per group. Each feature has a\n"
                + "version that is bumped whenever its formula changes, so models can say what they were trained on.\n");
        sections.put("doc.metrics", "## Metrics\n\n`metrics.json` holds accuracy, F1 and ROC AUC on the held-out split. We watch ROC AUC;\n"
                + "a drop of more than 0.01 blocks a release.\n");
        sections.put("doc.release", "## Releasing\n\nMerge `develop` into `main`, tag `vX.Y.Z`, and push the tag. CI pushes data and\n"
                + "the model to the DVC remote.\n");
        sections.put("doc.contributing", "## Contributing\n\nBranch from `develop` as `feature/<topic>`, keep `dvc.lock` in the same commit as\n"
                + "the change that produced it, and open a merge request.\n");
        sections.forEach((fact, text) -> {
            if (s.has(fact)) {
                md.append(text).append('\n');
            }
        });
        return md.toString();
    }

    private static String requirements(ProjectState s) {
        StringBuilder txt = new StringBuilder();
        s.under("req.").forEach((name, version) -> txt.append(name).append("==").append(version).append('\n'));
        return txt.toString();
    }

    private static String pyproject(ProjectState s) {
        return "[project]\nname = \"churn-predictor\"\nversion = \"" + s.get("version", "0.1.0") + "\"\n"
                + "requires-python = \">=3.10\"\n\n[tool.ruff]\nline-length = " + s.get("lint.line_length", "100") + "\n\n"
                + "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n";
    }

    private static void featureDefinitions(ProjectState s, Map<String, String> files) {
        Map<String, StringBuilder> groups = new TreeMap<>();
        for (DemoFeature feature : DemoFeature.ALL) {
            String version = s.get(feature.factKey());
            if (version == null) {
                continue;
            }
            StringBuilder yaml = groups.computeIfAbsent(feature.group(), group -> new StringBuilder()
                    .append("group: ").append(group).append('\n')
                    .append("entity: customer_id\n")
                    .append("owner: ").append(s.get("owner." + group, "maya.lindqvist@example.com")).append('\n')
                    .append("source: data/prepared\n")
                    .append("ttl_days: ").append(s.get("ttl." + group, "30")).append('\n')
                    .append("features:\n"));
            yaml.append("- name: ").append(feature.name()).append('\n')
                    .append("  dtype: ").append(feature.dtype()).append('\n')
                    .append("  description: ").append(feature.description()).append('\n')
                    .append("  version: ").append(version).append('\n');
        }
        groups.forEach((group, yaml) -> files.put("features/" + group + ".yaml", yaml.toString()));
    }
}
