package dev.braid.security.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading model and serving environments from their files, and comparing them by severity. */
class EnvironmentDiffTest {
    private static final String MLMODEL = """
            artifact_path: model
            flavors:
              python_function:
                env:
                  conda: conda.yaml
                  virtualenv: python_env.yaml
                loader_module: mlflow.sklearn
                model_path: model.pkl
                python_version: 3.10.12
              sklearn:
                code: null
                pickled_model: model.pkl
                serialization_format: cloudpickle
                sklearn_version: 1.3.2
            mlflow_version: 2.9.2
            """;
    private static final String REQUIREMENTS = "mlflow==2.9.2\ncloudpickle==2.2.1\nnumpy==1.24.4\nscikit-learn==1.3.2\n"
            + "scipy==1.11.4\npsutil==5.9.6\n";
    private final EnvironmentReader reader = new EnvironmentReader();

    private Environment model() {
        return reader.model("fraud/3", Map.of("MLmodel", MLMODEL, "requirements.txt", REQUIREMENTS,
                "python_env.yaml", "python: 3.10.12\nbuild_dependencies:\n- pip==23.3\ndependencies:\n- -r requirements.txt\n",
                "conda.yaml", "channels:\n- conda-forge\ndependencies:\n- python=3.10.12\n- pip<=23.3\n- pip:\n  - mlflow==2.9.2\n"
                        + "  - scikit-learn==1.3.2\n"));
    }

    @Test
    void aModelsEnvironmentComesFromItsMlmodelAndRequirements() {
        Environment env = model();
        assertEquals("3.10.12", env.python());
        Environment.Flavour sklearn = env.flavours().stream().filter(f -> f.name().equals("sklearn")).findFirst().orElseThrow();
        assertEquals("scikit-learn", sklearn.library());
        assertEquals("1.3.2", sklearn.version());
        assertTrue(sklearn.pickled());
        assertEquals("1.24.4", env.packages().get("numpy").version());
        assertEquals(List.of("MLmodel", "requirements.txt", "conda.yaml", "python_env.yaml"), env.sources());
        assertEquals(List.of(), env.problems());
    }

    @Test
    void aDockerfileWithPipInstallsIsAServingEnvironment() {
        String dockerfile = """
                FROM python:3.11-slim AS base
                COPY requirements-serve.txt /app/
                RUN pip install --no-cache-dir -r requirements-serve.txt \\
                    && pip install "scikit-learn==1.4.0" gunicorn==21.2.0
                """;
        Environment serving = reader.serving("Dockerfile", "Dockerfile", dockerfile,
                ref -> ref.equals("requirements-serve.txt") ? "mlflow==2.9.2\nnumpy==1.26.4\n" : null);
        assertEquals("3.11", serving.python());
        List<Difference> diff = EnvironmentDiff.compare(model(), serving);
        Difference sklearn = find(diff, "scikit-learn");
        assertEquals(Severity.HIGH, sklearn.severity());
        assertTrue(sklearn.message().contains("is a pickle"), sklearn.message());
        assertEquals(Severity.MEDIUM, find(diff, "python").severity());
        assertEquals(Severity.MEDIUM, find(diff, "scipy").severity());
        assertNull(find(diff, "scipy").right());
        assertEquals(Severity.LOW, find(diff, "numpy").severity());
        assertEquals(Severity.INFO, find(diff, "gunicorn").severity());
        assertEquals(Severity.HIGH, diff.get(0).severity(), "worst first: " + diff);
    }

    @Test
    void anotherMajorVersionOfTheFrameworkIsHighEvenWithoutPickles() {
        String mlmodel = "flavors:\n  xgboost:\n    xgb_version: 1.7.6\n    model_format: json\n  python_function:\n"
                + "    python_version: 3.11.4\n";
        Environment model = reader.model("boost/1", Map.of("MLmodel", mlmodel));
        Environment minor = reader.serving("req", "requirements.txt", "xgboost==1.8.0\n", x -> null);
        assertEquals(Severity.MEDIUM, find(EnvironmentDiff.compare(model, minor), "xgboost").severity());
        Environment major = reader.serving("req", "requirements.txt", "xgboost==2.0.3\n", x -> null);
        assertEquals(Severity.HIGH, find(EnvironmentDiff.compare(model, major), "xgboost").severity());
        Environment none = reader.serving("req", "requirements.txt", "pandas==2.2.0\n", x -> null);
        Difference missing = find(EnvironmentDiff.compare(model, none), "xgboost");
        assertEquals(Severity.HIGH, missing.severity());
        assertTrue(missing.message().contains("does not have"), missing.message());
    }

    @Test
    void pyprojectPoetryAndUvLocksAndPipfileLocksAreRead() {
        Environment pyproject = reader.serving("p", "pyproject.toml", """
                [project]
                name = "serve"
                requires-python = ">=3.10,<3.13"
                dependencies = ["scikit-learn>=1.3", "numpy==1.26.4", "fastapi[all]~=0.110"]
                """, x -> null);
        assertEquals("3.10", pyproject.python());
        assertEquals("1.26.4", pyproject.packages().get("numpy").version());
        assertNull(pyproject.packages().get("scikit-learn").version());
        assertEquals(">=1.3", pyproject.packages().get("scikit-learn").spec());
        assertTrue(pyproject.packages().containsKey("fastapi"));
        Environment poetry = reader.serving("l", "poetry.lock", """
                [[package]]
                name = "Scikit_Learn"
                version = "1.3.2"

                [[package]]
                name = "numpy"
                version = "1.26.4"

                [metadata]
                python-versions = "^3.11"
                """, x -> null);
        assertEquals("1.3.2", poetry.packages().get("scikit-learn").version());
        assertEquals("3.11", poetry.python());
        Environment pipfile = reader.serving("l", "Pipfile.lock", """
                {"_meta": {"requires": {"python_version": "3.10"}},
                 "default": {"scikit-learn": {"version": "==1.3.2"}}}
                """, x -> null);
        assertEquals("1.3.2", pipfile.packages().get("scikit-learn").version());
        assertEquals(List.of(), EnvironmentDiff.compare(model(), poetry).stream()
                .filter(d -> d.subject().equals("scikit-learn")).toList(), "the same version is no difference");
    }

    @Test
    void brokenFilesAreNamedNotThrown() {
        Environment env = reader.model("m", Map.of("MLmodel", "flavors: [unclosed", "conda.yaml", "{{{"));
        assertEquals(2, env.problems().size(), env.problems().toString());
        Environment bad = reader.serving("p", "pyproject.toml", "[project\nname=", x -> null);
        assertEquals(1, bad.problems().size());
        Environment missing = reader.serving("r", "requirements.txt", "-r base.txt\nnumpy\n", x -> null);
        assertTrue(missing.problems().get(0).contains("base.txt"), missing.problems().toString());
    }

    @Test
    void requirementLinesFollowPep508AndPep503() {
        assertEquals(new Requirement("scikit-learn", "1.3.2", "==1.3.2"), Requirement.parse("Scikit_Learn == 1.3.2  # pinned"));
        assertEquals(new Requirement("numpy", null, ">=1.24,<2"), Requirement.parse("numpy>=1.24,<2; python_version<'3.13'"));
        assertEquals(new Requirement("torch", null, ""), Requirement.parse("torch"));
        assertNull(Requirement.parse("--extra-index-url https://example.org/simple"));
        assertNull(Requirement.parse("git+https://github.com/a/b.git"));
        assertEquals(new Requirement("numpy", "1.26.4", "=1.26.4"), Requirement.conda("conda-forge::numpy=1.26.4=py311h"));
    }

    private static Difference find(List<Difference> diff, String subject) {
        return diff.stream().filter(d -> d.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no difference about " + subject + " in " + diff));
    }
}
