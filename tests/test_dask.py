"""`vanban run --engine dask`: the same rows as the plain loop, on a LocalCluster of two
worker processes and on a scheduler and a worker started apart on 127.0.0.1."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from models import TABLE_ROWS

BIN = Path(sys.executable).parent
VANBAN = str(BIN / "vanban")
COMPARED = [t for t in TABLE_ROWS if t not in ("files", "ocr_words")]


def _rows(out: Path) -> dict[str, pd.DataFrame]:
    """Every table's rows in a stable order, list columns as tuples (files differ by run time)."""
    tables = {}
    for table in COMPARED:
        frame = pd.read_parquet(out / f"{table}.parquet")
        frame = frame.apply(lambda column: column.map(lambda v: tuple(v) if hasattr(v, "__len__")
                                                      and not isinstance(v, str) else v))
        tables[table] = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return tables


def _run(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([VANBAN, "run", *args], capture_output=True, text=True, timeout=900,
                            env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def loop_rows(tmp_path_factory, seeds):
    out = tmp_path_factory.mktemp("loop") / "out"
    _run([*map(str, seeds), "--out", str(out), "--engine", "loop"])
    return _rows(out)


def _same(rows: dict, other: dict) -> None:
    for table in COMPARED:
        pd.testing.assert_frame_equal(rows[table], other[table], check_dtype=False, obj=table)


def test_dask_on_a_local_cluster_gives_the_rows_of_the_loop(loop_rows, seeds, tmp_path):
    out = tmp_path / "out"
    _run([*map(str, seeds), "--out", str(out), "--engine", "dask", "--batch-size", "2"])
    _same(_rows(out), loop_rows)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dask_on_a_scheduler_and_worker_started_apart(loop_rows, seeds, tmp_path):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    scheduler = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--dashboard-address", ":0"], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
    worker = subprocess.Popen([str(BIN / "dask"), "worker", address, "--nworkers", "1", "--nthreads", "1",
                               "--host", "127.0.0.1", "--dashboard-address", ":0"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        from distributed import Client

        deadline = time.monotonic() + 120
        with Client(address, timeout=120) as client:
            while not client.scheduler_info()["workers"]:
                assert time.monotonic() < deadline, "the worker never joined the scheduler"
                time.sleep(0.5)
        out = tmp_path / "out"
        _run([*map(str, seeds), "--out", str(out), "--engine", "dask", "--dask-address", address])
        _same(_rows(out), loop_rows)
    finally:
        for process in (worker, scheduler):
            os.killpg(process.pid, 15)
            process.wait(timeout=60)


def _workers_environment(prefect_home: Path, api_url: str | None) -> dict:
    """What `task_runner` gives a LocalCluster's workers, in a process of its own (Prefect reads
    its settings once per process, and a server started here would outlive the test)."""
    probe = ("import httpx, json; from pathlib import Path; from pipeline.cli import _prefect_environment; "
             f"_prefect_environment(Path({str(prefect_home)!r})); from flows.ingest_flow import task_runner; "
             "env = task_runner('dask', workers=2).cluster_kwargs['env']; "
             "url = env.get('PREFECT_API_URL'); "
             "print(json.dumps({**env, 'health': url and httpx.get(url + '/health').status_code}))")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300,
                            cwd=Path(__file__).resolve().parent.parent,
                            env={**env, **({"PREFECT_API_URL": api_url} if api_url else {})})
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def test_local_workers_are_given_the_runs_own_prefect_server(tmp_path):
    """Without an API address each LocalCluster worker started a Prefect server of its own
    (two more servers on one SQLite file, a third of a two-core run's CPU)."""
    env = _workers_environment(tmp_path, None)
    assert env["PREFECT_API_URL"].startswith("http://127.0.0.1:") and env["health"] == 200


def test_local_workers_keep_a_prefect_server_the_user_runs(tmp_path):
    assert _workers_environment(tmp_path, "http://prefect.example:4200/api") == {"health": None}
