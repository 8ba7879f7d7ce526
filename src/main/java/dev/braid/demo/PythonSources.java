package dev.braid.demo;

import java.util.Map;
import java.util.TreeMap;

/** Renders the project's Python code from the facts "code.&lt;file&gt;.&lt;part&gt;" (value: the part's revision). */
final class PythonSources {
    private PythonSources() {
    }

    static void render(ProjectState s, Map<String, String> files) {
        files.put("src/__init__.py", "");
        files.put("src/prepare.py", prepare(s));
        files.put("src/features.py", features(s));
        files.put("src/train.py", train(s));
        files.put("src/evaluate.py", evaluate(s));
        if (s.has("stage.validate")) {
            files.put("src/validate.py", validate(s));
        }
        if (s.has("code.search.optuna")) {
            files.put("src/search.py", search(s));
        }
        s.under("test.").forEach((name, revision) -> files.put("tests/test_" + name + ".py", test(name, revision)));
    }

    private static boolean on(ProjectState s, String part) {
        return s.has("code." + part);
    }

    private static int rev(ProjectState s, String part) {
        return s.getInt("code." + part, 0);
    }

    private static String prepare(ProjectState s) {
        StringBuilder py = new StringBuilder();
        py.append("\"\"\"Split the raw events export into train and test sets.\"\"\"\n");
        py.append("import sys\nfrom pathlib import Path\n\nimport pandas as pd\nimport yaml\n");
        py.append("from sklearn.model_selection import train_test_split\n\n\n");
        py.append("def load_params():\n    with open(\"params.yaml\") as handle:\n        return yaml.safe_load(handle)[\"prepare\"]\n\n\n");
        py.append("def main(raw_path, out_dir):\n    params = load_params()\n");
        py.append("    df = pd.read_csv(raw_path, parse_dates=[\"event_time\", \"snapshot_date\", \"last_login\"])\n");
        if (on(s, "prepare.dedupe")) {
            py.append("    # The export repeats events that were retried upstream.\n");
            py.append("    df = df.drop_duplicates(subset=[\"customer_id\", \"event_time\"])\n");
        }
        if (on(s, "prepare.dropna")) {
            py.append("    df = df[df[\"customer_id\"].notna()]\n");
        }
        if (on(s, "prepare.cutoff")) {
            py.append("    df = df[df[\"event_time\"] < df[\"snapshot_date\"]]\n");
        }
        String stratify = on(s, "prepare.stratify") ? ", stratify=df[\"churned\"]" : "";
        py.append("    train, test = train_test_split(df, test_size=params[\"split\"], random_state=params[\"seed\"]")
                .append(stratify).append(")\n");
        py.append("    out = Path(out_dir)\n    out.mkdir(parents=True, exist_ok=True)\n");
        py.append("    train.to_csv(out / \"train.csv\", index=False)\n    test.to_csv(out / \"test.csv\", index=False)\n\n\n");
        py.append("if __name__ == \"__main__\":\n    main(sys.argv[1], sys.argv[2])\n");
        return py.toString();
    }

    private static String features(ProjectState s) {
        StringBuilder py = new StringBuilder();
        py.append("\"\"\"Turn prepared events into one row of features per customer.\"\"\"\n");
        py.append("import sys\nfrom pathlib import Path\n\nimport pandas as pd\nimport yaml\n\n\n");
        int te = rev(s, "features.target_encoding");
        if (te > 0) {
            py.append("def encode_target(df, column, smoothing=").append(te > 2 ? "20" : "10").append("):\n");
            if (te == 1) {
                py.append("    stats = df.groupby(column)[\"churned\"].agg([\"mean\", \"count\"])\n");
            } else {
                py.append("    # Out-of-fold means: a row never sees its own label.\n");
                py.append("    folds = df.index % 5\n    stats = df[folds != 0].groupby(column)[\"churned\"].agg([\"mean\", \"count\"])\n");
            }
            py.append("    prior = df[\"churned\"].mean()\n");
            py.append("    smooth = (stats[\"count\"] * stats[\"mean\"] + smoothing * prior) / (stats[\"count\"] + smoothing)\n");
            py.append("    return df[column].map(smooth).fillna(prior)\n\n\n");
        }
        Map<String, String> features = new TreeMap<>();
        for (DemoFeature feature : DemoFeature.ALL) {
            if (s.has(feature.factKey())) {
                features.put(feature.name(), feature.expression());
                py.append("def ").append(feature.name()).append("(df):\n");
                py.append("    \"\"\"").append(feature.description()).append(".\"\"\"\n");
                py.append("    return ").append(feature.expression()).append("\n\n\n");
            }
        }
        py.append("FEATURES = {\n");
        features.keySet().forEach(name -> py.append("    \"").append(name).append("\": ").append(name).append(",\n"));
        py.append("}\n\n\n");
        py.append("def build_features(df, params):\n    out = pd.DataFrame({\"customer_id\": df[\"customer_id\"]})\n");
        py.append("    for name, compute in FEATURES.items():\n        out[name] = compute(df)\n");
        if (on(s, "features.window")) {
            py.append("    out = out[df[\"event_time\"] >= df[\"snapshot_date\"] - pd.Timedelta(days=params[\"window_days\"])]\n");
        }
        py.append("    out[\"churned\"] = df[\"churned\"]\n    return out.groupby(\"customer_id\").last().reset_index()\n\n\n");
        py.append("def main(in_dir, out_dir):\n    with open(\"params.yaml\") as handle:\n        params = yaml.safe_load(handle)[\"featurize\"]\n");
        py.append("    out = Path(out_dir)\n    out.mkdir(parents=True, exist_ok=True)\n");
        py.append("    for split in (\"train\", \"test\"):\n        df = pd.read_csv(Path(in_dir) / f\"{split}.csv\", parse_dates=[\"event_time\", \"snapshot_date\", \"last_login\"])\n");
        py.append("        build_features(df, params).to_parquet(out / f\"{split}.parquet\")\n\n\n");
        py.append("if __name__ == \"__main__\":\n    main(sys.argv[1], sys.argv[2])\n");
        return py.toString();
    }

    private static String train(ProjectState s) {
        StringBuilder py = new StringBuilder();
        py.append("\"\"\"Train the churn model on the featurized training split.\"\"\"\n");
        py.append("import pickle\nimport sys\nfrom pathlib import Path\n\n");
        if (on(s, "train.mlflow")) {
            py.append("import mlflow\n");
        }
        py.append("import pandas as pd\nimport yaml\nfrom sklearn.ensemble import GradientBoostingClassifier\n");
        if (on(s, "train.calibration")) {
            py.append("from sklearn.calibration import CalibratedClassifierCV\n");
        }
        py.append("\n\n");
        py.append("def make_model(params):\n");
        if (on(s, "train.lightgbm")) {
            py.append("    if params[\"model\"] == \"lightgbm\":\n        import lightgbm as lgb\n\n");
            py.append("        return lgb.LGBMClassifier(\n            learning_rate=params[\"learning_rate\"],\n");
            py.append("            n_estimators=params[\"n_estimators\"],\n            num_leaves=params.get(\"num_leaves\", 31),\n");
            if (on(s, "train.class_weight")) {
                py.append("            class_weight=\"balanced\",\n");
            }
            py.append("            random_state=params[\"seed\"],\n        )\n");
        }
        py.append("    return GradientBoostingClassifier(\n        learning_rate=params[\"learning_rate\"],\n");
        py.append("        n_estimators=params[\"n_estimators\"],\n        max_depth=params[\"max_depth\"],\n");
        if (on(s, "train.early_stopping")) {
            py.append("        n_iter_no_change=params[\"early_stopping_rounds\"],\n        validation_fraction=0.1,\n");
        }
        py.append("        random_state=params[\"seed\"],\n    )\n\n\n");
        py.append("def main(features_dir, model_path):\n    with open(\"params.yaml\") as handle:\n        params = yaml.safe_load(handle)[\"train\"]\n");
        py.append("    train = pd.read_parquet(Path(features_dir) / \"train.parquet\")\n");
        py.append("    x, y = train.drop(columns=[\"customer_id\", \"churned\"]), train[\"churned\"]\n");
        py.append("    model = make_model(params)\n");
        if (on(s, "train.calibration")) {
            py.append("    # Raw boosting scores are over-confident; the retention team needs probabilities.\n");
            py.append("    model = CalibratedClassifierCV(model, method=\"isotonic\", cv=3)\n");
        }
        if (on(s, "train.class_weight") && !on(s, "train.lightgbm")) {
            py.append("    weights = y.map(y.value_counts(normalize=True).rdiv(1.0))\n    model.fit(x, y, sample_weight=weights)\n");
        } else {
            py.append("    model.fit(x, y)\n");
        }
        py.append("    with open(model_path, \"wb\") as handle:\n        pickle.dump(model, handle)\n");
        if (on(s, "train.onnx")) {
            py.append("    from skl2onnx import to_onnx\n\n");
            py.append("    Path(model_path).with_suffix(\".onnx\").write_bytes(to_onnx(model, x[:1].astype(\"float32\")).SerializeToString())\n");
        }
        if (on(s, "train.mlflow")) {
            py.append("    with mlflow.start_run():\n        mlflow.log_params(params)\n");
            if (rev(s, "train.mlflow") > 1) {
                py.append("        mlflow.log_artifact(model_path)\n");
            }
            if (rev(s, "train.mlflow") > 2) {
                py.append("        mlflow.set_tag(\"git_commit\", open(\".git/HEAD\").read().strip())\n");
            }
        }
        py.append("\n\nif __name__ == \"__main__\":\n    main(sys.argv[1], sys.argv[2])\n");
        return py.toString();
    }

    private static String evaluate(ProjectState s) {
        StringBuilder py = new StringBuilder();
        py.append("\"\"\"Score the model on the held-out split and write metrics.json.\"\"\"\n");
        py.append("import json\nimport pickle\nimport sys\nfrom pathlib import Path\n\n");
        py.append("import numpy as np\nimport pandas as pd\nimport yaml\n");
        py.append("from sklearn.metrics import accuracy_score, f1_score, roc_auc_score");
        py.append(on(s, "train.calibration") ? ", brier_score_loss\n" : "\n");
        py.append("\n\n");
        if (on(s, "evaluate.drift")) {
            py.append("def psi(expected, actual, bins=10):\n    edges = np.quantile(expected, np.linspace(0, 1, bins + 1))\n");
            py.append("    e = np.histogram(expected, edges)[0] / len(expected) + 1e-6\n");
            py.append("    a = np.histogram(actual, edges)[0] / len(actual) + 1e-6\n");
            py.append("    return float(np.sum((a - e) * np.log(a / e)))\n\n\n");
        }
        py.append("def main(model_path, features_dir):\n    with open(\"params.yaml\") as handle:\n        params = yaml.safe_load(handle)[\"evaluate\"]\n");
        py.append("    with open(model_path, \"rb\") as handle:\n        model = pickle.load(handle)\n");
        py.append("    test = pd.read_parquet(Path(features_dir) / \"test.parquet\")\n");
        py.append("    x, y = test.drop(columns=[\"customer_id\", \"churned\"]), test[\"churned\"]\n");
        py.append("    scores = model.predict_proba(x)[:, 1]\n    predicted = scores >= params[\"threshold\"]\n");
        py.append("    metrics = {\n        \"accuracy\": accuracy_score(y, predicted),\n        \"f1\": f1_score(y, predicted),\n");
        if (on(s, "evaluate.nan_guard")) {
            py.append("        # A split with one class has no AUC; report null instead of crashing.\n");
            py.append("        \"roc_auc\": roc_auc_score(y, scores) if y.nunique() > 1 else None,\n");
        } else {
            py.append("        \"roc_auc\": roc_auc_score(y, scores),\n");
        }
        if (on(s, "train.calibration")) {
            py.append("        \"brier\": brier_score_loss(y, scores),\n");
        }
        py.append("    }\n    Path(\"metrics.json\").write_text(json.dumps(metrics, indent=2))\n");
        if (on(s, "evaluate.drift")) {
            py.append("    train = pd.read_parquet(Path(features_dir) / \"train.parquet\")\n");
            py.append("    drift = {c: psi(train[c].dropna(), test[c].dropna()) for c in x.columns}\n");
            py.append("    Path(\"reports\").mkdir(exist_ok=True)\n    Path(\"reports/drift.json\").write_text(json.dumps(drift, indent=2))\n");
        }
        if (on(s, "evaluate.shap")) {
            py.append("    import shap\n\n    explainer = shap.TreeExplainer(model)\n");
            py.append("    importance = np.abs(explainer.shap_values(x[:2000])).mean(axis=0)\n");
            py.append("    Path(\"reports\").mkdir(exist_ok=True)\n");
            py.append("    Path(\"reports/importance.json\").write_text(json.dumps(dict(zip(x.columns, importance.tolist())), indent=2))\n");
        }
        py.append("\n\nif __name__ == \"__main__\":\n    main(sys.argv[1], sys.argv[2])\n");
        return py.toString();
    }

    private static String validate(ProjectState s) {
        StringBuilder py = new StringBuilder();
        py.append("\"\"\"Check the raw export against the expected schema before anything trains on it.\"\"\"\n");
        py.append("import sys\n\nimport pandas as pd\nimport pandera as pa\n\n");
        py.append("SCHEMA = pa.DataFrameSchema({\n");
        py.append("    \"customer_id\": pa.Column(str, nullable=False),\n");
        py.append("    \"event_time\": pa.Column(\"datetime64[ns]\"),\n");
        py.append("    \"churned\": pa.Column(int, pa.Check.isin([0, 1])),\n");
        if (rev(s, "validate.schema") > 1) {
            py.append("    \"invoice_total\": pa.Column(float, pa.Check.ge(0), nullable=True),\n");
            py.append("    \"seats\": pa.Column(int, pa.Check.ge(0)),\n");
        }
        py.append("})\n\n\n");
        py.append("def main(raw_path):\n    df = pd.read_csv(raw_path, parse_dates=[\"event_time\"])\n");
        if (rev(s, "validate.strict") > 0) {
            py.append("    SCHEMA.validate(df, lazy=True)\n");
        } else {
            py.append("    try:\n        SCHEMA.validate(df, lazy=True)\n    except pa.errors.SchemaErrors as errors:\n");
            py.append("        print(errors.failure_cases.head(20))\n");
        }
        py.append("\n\nif __name__ == \"__main__\":\n    main(sys.argv[1])\n");
        return py.toString();
    }

    private static String search(ProjectState s) {
        return "\"\"\"Search gradient boosting hyperparameters with Optuna.\"\"\"\n"
                + "import optuna\nimport pandas as pd\nfrom sklearn.model_selection import cross_val_score\n\n"
                + "from train import make_model\n\n\n"
                + "def objective(trial, x, y):\n    params = {\n"
                + "        \"model\": \"" + s.get("param.train.model", "gradient_boosting") + "\",\n"
                + "        \"learning_rate\": trial.suggest_float(\"learning_rate\", 0.01, 0.3, log=True),\n"
                + "        \"n_estimators\": trial.suggest_int(\"n_estimators\", 100, 800, step=50),\n"
                + "        \"max_depth\": trial.suggest_int(\"max_depth\", 3, 8),\n        \"seed\": 7,\n    }\n"
                + "    return cross_val_score(make_model(params), x, y, cv=3, scoring=\"roc_auc\").mean()\n\n\n"
                + "if __name__ == \"__main__\":\n    train = pd.read_parquet(\"data/features/train.parquet\")\n"
                + "    x, y = train.drop(columns=[\"customer_id\", \"churned\"]), train[\"churned\"]\n"
                + "    study = optuna.create_study(direction=\"maximize\")\n"
                + "    study.optimize(lambda t: objective(t, x, y), n_trials=" + s.get("param.train.search_trials", "50") + ")\n"
                + "    print(study.best_params)\n";
    }

    private static String test(String name, String revision) {
        String module = switch (name) {
            case "prepare", "features", "train", "evaluate", "validate" -> name;
            default -> "features";
        };
        StringBuilder py = new StringBuilder();
        py.append("import pandas as pd\n\nfrom src import ").append(module).append("\n\n\n");
        py.append("def sample():\n    return pd.DataFrame({\n        \"customer_id\": [\"a\", \"a\", \"b\"],\n");
        py.append("        \"churned\": [0, 0, 1],\n        \"plan_type\": [\"pro\", \"pro\", \"team\"],\n    })\n\n\n");
        py.append("def test_").append(name).append("_smoke():\n    assert ").append(module).append(" is not None\n    assert len(sample()) == 3\n");
        for (int i = 2; i <= Integer.parseInt(revision); i++) {
            py.append("\n\ndef test_").append(name).append("_case_").append(i).append("():\n");
            py.append("    df = sample()\n    assert df[\"churned\"].sum() == 1\n");
        }
        return py.toString();
    }
}
