"""The layout's promises: a graph file reads without spaCy, and the old import paths still work."""

import importlib
import subprocess
import sys
import textwrap

import pytest

from extract.models import Mention, Triple
from graph import KnowledgeGraph

BLOCK_SPACY = textwrap.dedent("""
    import importlib.abc, sys

    class NoSpacy(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "spacy" or name.startswith("spacy."):
                raise ImportError(f"{name} is blocked in this test")

    sys.meta_path.insert(0, NoSpacy())
""")


def test_a_graph_file_is_read_and_queried_without_spacy(tmp_path):
    text = "Acme Corp hired Bob Stone."
    bob, acme = Mention(text="Bob Stone", start=16, end=25, type="PERSON"), Mention(text="Acme Corp", start=0, end=9, type="ORG")
    triple = Triple(kind="action", subject=acme, predicate="hire", object=bob, doc_id="d", sentence=text,
                    sentence_start=0, sentence_end=len(text), pattern="test", confidence=0.9)
    from extract.models import DocumentResult
    KnowledgeGraph.from_results([DocumentResult(doc_id="d", mentions=[acme, bob], triples=[triple])]).write_graphml(
        tmp_path / "graph.graphml")
    script = BLOCK_SPACY + textwrap.dedent(f"""
        import graph
        kg = graph.read_graphml({str(tmp_path / "graph.graphml")!r})
        assert kg.find("Bob Stone") == ["Bob Stone"], kg.find("Bob Stone")
        assert kg.actions()["action"].tolist() == ["hire"]
        assert "spacy" not in sys.modules
        try:
            import spacy  # noqa: F401
        except ImportError:
            print("ok")
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"


@pytest.mark.parametrize("old, new", [
    ("graph.inputs", "extract.documents"), ("graph.graphml", "graph.export.graphml"),
    ("graph.html", "graph.export.html"), ("graph.tables", "graph.export.tables"), ("graph.cache", "graph.run.cache"),
    ("graph.fingerprint", "graph.run.fingerprint"), ("graph.options", "graph.run.options"),
    ("graph.distributed", "graph.run.dask"),
])
def test_an_old_import_path_gives_the_moved_module_itself(old, new):
    if old == "graph.distributed":
        pytest.importorskip("distributed")
    module = importlib.import_module(old)
    assert module is importlib.import_module(new)
    assert module.__spec__.name == new  # the moved module keeps its own name
    assert getattr(importlib.import_module("graph"), old.split(".")[1]) is module  # from graph import inputs


def test_the_old_names_of_graph_run_and_the_helpers_still_import():
    from extract.coref import is_name_word, name_key  # noqa: F401
    from extract.mentions import PERSON_PRONOUNS, demonym_country, normal_title, title_normal  # noqa: F401
    from graph.resolve import country_key  # noqa: F401
    from graph.run import DEFAULT_JOBS, FORMATS, BuildOptions, BuildSummary, build, write_outputs  # noqa: F401
    from graph.inputs import Document, clean_text, iter_documents, language_note, load_documents  # noqa: F401


def test_every_package_the_code_imports_is_declared():
    """Each third-party import of extract/ and graph/ names a distribution pyproject.toml lists."""
    import ast
    import re
    import tomllib
    from importlib.metadata import packages_distributions

    from conftest import ROOT

    imported = set()
    for path in [*ROOT.glob("extract/**/*.py"), *ROOT.glob("graph/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"extract", "graph"}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    declared = {re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}
    distributions = packages_distributions()
    undeclared = {m for m in third_party
                  if not {d.lower().replace("_", "-") for d in distributions.get(m, [m])} & declared}
    assert not undeclared, f"imported but not in pyproject.toml: {sorted(undeclared)}"
