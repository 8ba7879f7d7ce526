"""Compiles two versions of one Kubeflow pipeline with the real kfp SDK (used by
KubeflowDefinitionLineageTest): v1.yaml, and v2.yaml where training gained a retry policy and a
different learning rate. Writes into the folder given as the only argument."""
import sys

from kfp import compiler, dsl


@dsl.component(base_image="python:3.11")
def prepare(rows: int, dataset: dsl.Output[dsl.Dataset]):
    with open(dataset.path, "w") as f:
        f.write("x\n" * rows)


@dsl.component(base_image="python:3.11")
def fit(dataset: dsl.Input[dsl.Dataset], lr: float) -> float:
    return lr


@dsl.pipeline(name="churn-training")
def v1(rows: int = 100, lr: float = 0.1):
    data = prepare(rows=rows)
    fit(dataset=data.outputs["dataset"], lr=lr)


@dsl.pipeline(name="churn-training")
def v2(rows: int = 100, lr: float = 0.05):
    data = prepare(rows=rows)
    fit(dataset=data.outputs["dataset"], lr=lr).set_retry(num_retries=3)


compiler.Compiler().compile(v1, sys.argv[1] + "/v1.yaml")
compiler.Compiler().compile(v2, sys.argv[1] + "/v2.yaml")
