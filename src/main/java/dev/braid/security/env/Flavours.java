package dev.braid.security.env;

import java.util.Map;

/**
 * What MLflow's flavours say about the library a model needs: which package, the version key
 * MLmodel records it under, and whether the flavour stores the model as a pickle (so that even a
 * minor change of the library can break loading or change results).
 */
final class Flavours {
    /** flavour → package name, for flavours whose version key does not name the package. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(Map.entry("sklearn", "scikit-learn"),
            Map.entry("pytorch", "torch"), Map.entry("tensorflow", "tensorflow"), Map.entry("keras", "keras"),
            Map.entry("xgboost", "xgboost"), Map.entry("lightgbm", "lightgbm"), Map.entry("catboost", "catboost"),
            Map.entry("transformers", "transformers"), Map.entry("onnx", "onnx"), Map.entry("spark", "pyspark"),
            Map.entry("statsmodels", "statsmodels"), Map.entry("prophet", "prophet"), Map.entry("h2o", "h2o"),
            Map.entry("spacy", "spacy"), Map.entry("fastai", "fastai"), Map.entry("paddle", "paddlepaddle"),
            Map.entry("sentence_transformers", "sentence-transformers"), Map.entry("langchain", "langchain"));
    /** Flavours that always keep the model in a pickle (torch.save, pickle.dump of the fitted object). */
    private static final java.util.Set<String> ALWAYS_PICKLED = java.util.Set.of("pytorch", "statsmodels", "prophet",
            "fastai", "lightgbm");

    private Flavours() {
    }

    static Environment.Flavour of(String flavour, Map<?, ?> conf) {
        // python_function is MLflow's generic loader: it needs a library of its own only for a pickled python_model.
        String library = flavour.equals("python_function") ? null : PACKAGES.getOrDefault(flavour, Requirement.normalise(flavour));
        String version = null;
        for (Map.Entry<?, ?> e : conf.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.endsWith("_version") && !key.equals("python_version") && !key.equals("mlflow_version")
                    && e.getValue() != null) {
                version = String.valueOf(e.getValue());
                if (key.equals("cloudpickle_version")) {
                    library = "cloudpickle";
                }
            }
        }
        String format = conf.get("serialization_format") == null ? "" : String.valueOf(conf.get("serialization_format"));
        boolean pickled = ALWAYS_PICKLED.contains(flavour) || format.contains("pickle")
                || (flavour.equals("python_function") && conf.get("python_model") != null)
                || (flavour.equals("xgboost") && "pkl".equals(String.valueOf(conf.get("model_format"))));
        return new Environment.Flavour(flavour, library, version, pickled, format);
    }
}
