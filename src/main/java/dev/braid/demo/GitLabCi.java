package dev.braid.demo;

/** Renders {@code .gitlab-ci.yml} from the facts "ci.&lt;job&gt;" and "ci.cache". */
final class GitLabCi {
    private GitLabCi() {
    }

    static String render(ProjectState s) {
        StringBuilder y = new StringBuilder();
        y.append("stages:\n  - check\n  - pipeline\n  - publish\n\n");
        y.append("default:\n  image: python:").append(s.get("ci.python", "3.11")).append("-slim\n");
        y.append("  before_script:\n    - pip install -r requirements.txt\n");
        if (s.has("ci.cache")) {
            y.append("  cache:\n    key:\n      files:\n        - requirements.txt\n    paths:\n      - .cache/pip\n");
            y.append("\nvariables:\n  PIP_CACHE_DIR: \"$CI_PROJECT_DIR/.cache/pip\"\n");
        }
        y.append('\n');
        if (s.has("ci.lint")) {
            y.append("lint:\n  stage: check\n  script:\n    - ruff check src tests\n\n");
        }
        y.append("test:\n  stage: check\n  script:\n    - pytest -q");
        y.append(s.has("ci.coverage") ? " --cov=src --cov-report=xml\n  coverage: '/TOTAL.*\\s(\\d+%)/'\n" : "\n");
        y.append('\n');
        if (s.has("ci.validate")) {
            y.append("validate-data:\n  stage: check\n  script:\n    - dvc pull data/raw.csv\n    - python src/validate.py data/raw.csv\n\n");
        }
        y.append("repro:\n  stage: pipeline\n  script:\n    - dvc pull\n    - dvc repro");
        y.append(s.has("ci.repro_dry") ? " --dry\n  rules:\n    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n" : "\n");
        y.append('\n');
        // Trains the models whose MLflow runs carry this job's CI_JOB_ID (DemoPipelines, DemoTraining).
        y.append("train:\n  stage: pipeline\n  needs: [repro]\n  tags: [gpu]\n  script:\n    - python src/train.py --config params.yaml\n\n");
        if (s.has("ci.metrics")) {
            y.append("metrics-diff:\n  stage: pipeline\n  needs: [repro]\n  script:\n    - dvc metrics diff origin/main --md >> metrics.md\n");
            y.append("  artifacts:\n    paths: [metrics.md]\n\n");
        }
        if (s.has("ci.push")) {
            y.append("push-artifacts:\n  stage: publish\n  needs: [repro]\n  rules:\n    - if: $CI_COMMIT_TAG\n");
            y.append("  script:\n    - dvc push\n\n");
        }
        return y.toString();
    }
}
