package dev.braid.pipelines.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubWorkflowReaderTest {
    private static DefinitionDag read(Map<String, String> files, String path) throws Exception {
        MapTreeFiles tree = new MapTreeFiles(files);
        return GitHubWorkflowReader.read(tree, path, tree.read(path).orElseThrow());
    }

    private static List<String> names(DefinitionDag dag) {
        return dag.jobs().stream().map(DefinedJob::name).toList();
    }

    @Test
    void matrixJobsAreNamedAsGitHubNamesThem() throws Exception {
        DefinitionDag dag = read(Map.of(".github/workflows/ci.yml", """
                name: CI
                on: [push]
                jobs:
                  lint:
                    runs-on: ubuntu-latest
                    steps: [{run: make lint}]
                  test:
                    needs: lint
                    runs-on: ${{ matrix.os }}
                    strategy:
                      matrix:
                        os: [ubuntu-latest, windows-latest]
                        python: ["3.11", "3.12"]
                        exclude:
                          - os: windows-latest
                            python: "3.11"
                        include:
                          - os: ubuntu-latest
                            experimental: true
                          - os: macos-latest
                            python: "3.12"
                    steps: [{run: pytest}]
                  build:
                    name: Build ${{ matrix.arch }}
                    strategy: {matrix: {arch: [amd64, arm64]}}
                    runs-on: ubuntu-latest
                    steps: [{run: make}]
                  release:
                    needs: [test, build]
                    if: github.ref == 'refs/heads/main'
                    runs-on: ubuntu-latest
                    steps: [{run: make release}]
                """), ".github/workflows/ci.yml");
        assertEquals("CI", dag.name());
        assertEquals(List.of("lint", "test (ubuntu-latest, 3.11, true)", "test (ubuntu-latest, 3.12, true)",
                "test (windows-latest, 3.12)", "test (macos-latest, 3.12)", "Build amd64", "Build arm64", "release"), names(dag));
        DefinedJob release = dag.jobs().get(7);
        assertEquals(6, release.needs().size());
        assertEquals("github.ref == 'refs/heads/main'", release.attribute("if"));
        assertEquals(List.of("lint"), dag.jobs().get(2).needs());
        assertEquals("test", dag.jobs().get(2).group());
        assertTrue(dag.complete(), dag.notes().toString());
    }

    @Test
    void reusableWorkflowsOfTheRepositoryAreDrawnAsTheirJobs() throws Exception {
        DefinitionDag dag = read(Map.of(".github/workflows/main.yml", """
                on: push
                jobs:
                  setup:
                    runs-on: ubuntu-latest
                    steps: [{run: echo}]
                  build:
                    needs: setup
                    uses: ./.github/workflows/build.yml
                    with: {target: prod}
                  scan:
                    uses: octo-org/security/.github/workflows/scan.yml@v2
                  deploy:
                    needs: [build, scan]
                    runs-on: ubuntu-latest
                    steps: [{run: echo}]
                  dynamic:
                    strategy:
                      matrix: ${{ fromJSON(needs.setup.outputs.matrix) }}
                    runs-on: ubuntu-latest
                    steps: [{run: echo}]
                """, ".github/workflows/build.yml", """
                on: workflow_call
                jobs:
                  compile:
                    runs-on: ubuntu-latest
                    steps: [{run: make}]
                  package:
                    needs: compile
                    runs-on: ubuntu-latest
                    steps: [{run: make package}]
                """), ".github/workflows/main.yml");
        assertEquals(List.of("setup", "build / compile", "build / package", "scan", "deploy", "dynamic"), names(dag));
        assertEquals(List.of("setup"), dag.job("build/compile").orElseThrow().needs());
        assertEquals("build", dag.job("build/package").orElseThrow().stage());
        assertEquals(List.of("build/package", "scan"), dag.job("deploy").orElseThrow().needs());
        assertEquals(2, dag.notes().size(), dag.notes().toString());
    }

    @Test
    void aWorkflowWithoutJobsSaysSo() throws Exception {
        DefinitionDag dag = read(Map.of(".github/workflows/x.yml", "on: push\n"), ".github/workflows/x.yml");
        assertTrue(dag.jobs().isEmpty());
        assertEquals(1, dag.notes().size());
    }
}
