package dev.braid.demo;

/** Renders {@code .github/workflows/ci.yml}, the mirror's workflow, from the same facts as GitLab CI. */
final class GitHubActions {
    private GitHubActions() {
    }

    static String render(ProjectState s) {
        StringBuilder y = new StringBuilder();
        y.append("name: ci\n\non:\n  push:\n    branches: [main, develop]\n  pull_request:\n\njobs:\n");
        y.append("  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n");
        y.append("      - uses: actions/setup-python@v5\n        with:\n          python-version: \"")
                .append(s.get("ci.python", "3.11")).append("\"\n");
        if (s.has("ci.cache")) {
            y.append("          cache: pip\n");
        }
        y.append("      - run: pip install -r requirements.txt\n");
        if (s.has("ci.lint")) {
            y.append("      - run: ruff check src tests\n");
        }
        y.append("      - run: pytest -q\n");
        if (s.has("ci.repro_dry")) {
            y.append("  pipeline:\n    needs: test\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n");
            y.append("      - uses: iterative/setup-dvc@v1\n      - run: dvc repro --dry\n");
        }
        return y.toString();
    }
}
