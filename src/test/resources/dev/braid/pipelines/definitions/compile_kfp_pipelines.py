"""Compiles small Kubeflow pipelines with the real kfp SDK into IR YAML files in the folder given
as the only argument (used by KubeflowReaderTest). No cluster is needed to compile."""
import sys

from kfp import compiler, dsl


@dsl.component(base_image="python:3.11")
def load_data(rows: int, dataset: dsl.Output[dsl.Dataset]):
    with open(dataset.path, "w") as f:
        f.write("x\n" * rows)


@dsl.component(base_image="python:3.11")
def train(dataset: dsl.Input[dsl.Dataset], lr: float, model: dsl.Output[dsl.Model]) -> float:
    with open(model.path, "w") as f:
        f.write(str(lr))
    return 0.9


@dsl.component(base_image="python:3.11")
def evaluate(model: dsl.Input[dsl.Model], accuracy: float) -> str:
    return "good" if accuracy > 0.5 else "bad"


@dsl.component(base_image="alpine:3.20")
def notify(message: str):
    print(message)


@dsl.pipeline(name="churn-training")
def training(rows: int = 100, lr: float = 0.1):
    data = load_data(rows=rows)
    model = train(dataset=data.outputs["dataset"], lr=lr)
    model.set_display_name("train model")
    verdict = evaluate(model=model.outputs["model"], accuracy=model.outputs["Output"])
    done = notify(message="finished")
    done.after(verdict)


@dsl.pipeline(name="sub-pipeline")
def sub(rows: int = 10):
    load_data(rows=rows)


@dsl.pipeline(name="control-flow")
def control(mode: str = "full"):
    cleanup = notify(message="cleanup")
    with dsl.ExitHandler(cleanup):
        with dsl.ParallelFor([10, 20, 30]) as rows:
            load_data(rows=rows)
        with dsl.If(mode == "full"):
            notify(message="full run")
        sub(rows=5)


if __name__ == "__main__":
    out = sys.argv[1]
    compiler.Compiler().compile(training, f"{out}/training.yaml")
    compiler.Compiler().compile(control, f"{out}/control.yaml")
