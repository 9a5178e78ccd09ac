"""notebooks/explore.ipynb runs top to bottom without an error, from the seeds and from GraphML."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def _runs_this_python(argv: list[str]) -> bool:
    exe = argv[0] if argv else ""
    # jupyter_client swaps these for sys.executable when it launches the kernel
    if exe in {"python", f"python{sys.version_info[0]}", "python%d.%d" % sys.version_info[:2]}:
        return True
    return os.path.abspath(exe) == os.path.abspath(sys.executable)


@pytest.fixture(scope="module")
def kernel_name(tmp_path_factory):
    """'python3' when it runs this interpreter (the venv's), else a throwaway spec that does."""
    try:
        if _runs_this_python(KernelSpecManager().get_kernel_spec("python3").argv):
            yield "python3"
            return
    except NoSuchKernel:
        pass
    jupyter_path = tmp_path_factory.mktemp("jupyter")
    spec_dir = jupyter_path / "kernels" / "kg-test-python"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "kg test (this interpreter)", "language": "python",
    }), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", os.pathsep.join(filter(None, [str(jupyter_path), os.environ.get("JUPYTER_PATH")])))
        yield "kg-test-python"


def _run(kernel_name: str):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name=kernel_name,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    return nb


def _text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", out
            if out.get("output_type") == "stream":
                parts.append(out["text"])
            data = out.get("data", {})
            parts.append(data.get("text/plain", ""))
            parts.append(data.get("text/html", "") if "<iframe" not in data.get("text/html", "") else "")
    return "\n".join(parts)


def test_notebook_is_saved_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


def test_notebook_runs_from_the_seeds(kernel_name, monkeypatch, tmp_path):
    monkeypatch.setenv("KG_GRAPHML", str(tmp_path / "absent.graphml"))  # never a stale out/graph.graphml
    nb = _run(kernel_name)
    text = _text(nb)
    for expected in ("Mustafa al-Kadhimi", "assassinate", "Qasem Soleimani", "Secretary of State", "short_name",
                     "date_source", "in 2011"):
        assert expected in text
    shown = [o for c in nb.cells for o in c.get("outputs", []) if "<iframe" in o.get("data", {}).get("text/html", "")]
    assert len(shown) == 1 and "srcdoc=" in shown[0]["data"]["text/html"]


def test_notebook_runs_from_graphml(kernel_name, monkeypatch, tmp_path):
    from extract import Extractor
    from graph import KnowledgeGraph

    items = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    KnowledgeGraph.from_results(Extractor().analyse_many(items)).write_graphml(tmp_path / "graph.graphml")
    monkeypatch.setenv("KG_GRAPHML", str(tmp_path / "graph.graphml"))
    text = _text(_run(kernel_name))
    assert "Mustafa al-Kadhimi" in text and "assassinate" in text
