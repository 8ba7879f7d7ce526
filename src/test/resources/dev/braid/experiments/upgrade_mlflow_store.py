"""Walks an MLflow SQLite store through every later schema revision, keeping a copy at each.

Used by dev.braid.experiments.MlflowStoreAgesTest with today's MLflow: the store an old MLflow
wrote is upgraded one alembic revision at a time, exactly as `mlflow db upgrade` would in one go,
and after each revision a copy is saved as OUT/NNN-<revision>.db, so Braid can read the store as
every MLflow release since then left it. Prints one JSON list of [revision, file] on its last line.

  upgrade_mlflow_store.py DB OUT
"""
import json
import os
import shutil
import sqlite3
import sys

from alembic import command
from alembic.script import ScriptDirectory
from mlflow.store.db.utils import _get_alembic_config


def current(db):
    with sqlite3.connect(db) as c:
        return c.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def main(db, out):
    os.makedirs(out, exist_ok=True)
    config = _get_alembic_config("sqlite:///" + os.path.abspath(db))
    chain = [r.revision for r in ScriptDirectory.from_config(config).walk_revisions()]
    chain.reverse()  # oldest first
    start = chain.index(current(db))
    saved = []
    for index, revision in enumerate(chain[start:], start=start):
        if index > start:
            command.upgrade(config, revision)
        target = os.path.join(out, "%03d-%s.db" % (index, revision))
        shutil.copyfile(db, target)
        saved.append([revision, target])
    sys.stdout.write("\n" + json.dumps(saved) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
