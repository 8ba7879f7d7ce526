package dev.braid.demo;

/** The job logs the demo's CI history keeps: GitLab runner output with its ANSI colours. */
final class DemoJobLogs {
    private static final String GREEN = "\u001b[32;1m";
    private static final String RED = "\u001b[31;1m";
    private static final String CYAN = "\u001b[36;1m";
    private static final String RESET = "\u001b[0;m";

    private DemoJobLogs() {
    }

    private static StringBuilder header(String job) {
        StringBuilder out = new StringBuilder();
        out.append("\u001b[0KRunning with gitlab-runner 17.5.2 (c6eae8d7)\n");
        out.append("\u001b[0K  on shared-runner-1 t3_9xKz2, system ID: r_dEm0\n");
        out.append(CYAN).append("Preparing the \"docker\" executor").append(RESET).append('\n');
        out.append("Using docker image python:3.11-slim\n");
        out.append(GREEN).append("$ pip install -r requirements.txt").append(RESET).append('\n');
        out.append("Successfully installed numpy-2.1.3 pandas-2.2.3 scikit-learn-1.5.2 mlflow-3.1.0\n");
        out.append(GREEN).append("$ ").append(job).append(RESET).append('\n');
        return out;
    }

    static String flakyTest() {
        StringBuilder out = header("pytest -q");
        out.append("........................................................ [ 70%]\n");
        out.append("................F....... [100%]\n");
        out.append("=================================== FAILURES ===================================\n");
        out.append("___________________________ test_feature_store_timeout ___________________________\n");
        out.append("    def test_feature_store_timeout(client):\n");
        out.append(">       assert client.fetch(\"user_features\", timeout=2.0).ok\n");
        out.append(RED).append("E       TimeoutError: feature server did not answer within 2.0 s").append(RESET).append('\n');
        out.append("tests/test_features.py:48: TimeoutError\n");
        out.append(RED).append("1 failed, 79 passed in 96.31s").append(RESET).append('\n');
        out.append(RED).append("ERROR: Job failed: exit code 1").append(RESET).append('\n');
        return out.toString();
    }

    static String training(String sha, int runs) {
        StringBuilder out = header("python src/train.py --config params.yaml");
        out.append("loading data/features.parquet (48,211 rows)\n");
        for (int epoch = 1; epoch <= 10; epoch++) {
            out.append(String.format("epoch %2d  loss %.4f  val_auc %.4f%n", epoch, 0.69 / epoch + 0.08, 0.80 + epoch * 0.011));
        }
        out.append(runs == 1 ? "MLflow run" : runs + " MLflow runs").append(" logged with tags CI_PIPELINE_ID, CI_JOB_ID and")
                .append(" mlflow.source.git.commit=").append(sha).append('\n');
        out.append(GREEN).append("Job succeeded").append(RESET).append('\n');
        return out.toString();
    }

    static String trainingSkipped() {
        StringBuilder out = header("dvc repro train");
        out.append("'data/features.parquet.dvc' didn't change, skipping\n");
        out.append("Stage 'prepare' didn't change, skipping\n");
        out.append("Stage 'train' didn't change, skipping\n");
        out.append("Data and pipelines are up to date.\n");
        out.append(GREEN).append("Job succeeded").append(RESET).append('\n');
        return out.toString();
    }

    static String failedTraining() {
        StringBuilder out = header("python src/train.py --config params.yaml");
        out.append("loading data/features.parquet (48,211 rows)\n");
        out.append("Traceback (most recent call last):\n");
        out.append("  File \"src/train.py\", line 61, in <module>\n");
        out.append("    model.fit(X_train, y_train)\n");
        out.append(RED).append("ValueError: Input X contains NaN: the new 'days_since_signup' feature has missing values")
                .append(RESET).append('\n');
        out.append(RED).append("ERROR: Job failed: exit code 1").append(RESET).append('\n');
        return out.toString();
    }
}
