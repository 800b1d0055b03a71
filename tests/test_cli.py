"""The kg command as a user types it (click's CliRunner)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from kg.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_build_then_facts_then_eval(tmp_path, sample_path):
    store = tmp_path / "out"
    result = run("build", sample_path, "--store", store)
    assert result.exit_code == 0, result.output
    assert "read as utf-8" in result.output and "9 documents" in result.output
    assert "table of contents vs body" in result.output  # the sample's deliberate TOC disagreement

    facts_file = tmp_path / "facts.json"
    assert run("facts", "--store", store, "-o", facts_file).exit_code == 0
    facts = json.loads(facts_file.read_text(encoding="utf-8"))
    assert facts["schema"] == "gazette-facts/1" and facts["source"] == sample_path.name

    gold = sample_path.with_suffix(".gold.json")
    result = run("eval", gold, "--store", store, "--json")
    assert result.exit_code == 0
    scores = json.loads(result.output)["scores"]
    assert scores["documents.found"]["f1"] == 1.0
    text = run("eval", gold, "--store", store).output
    assert "documents" in text and "F1" in text


def test_stats_counts_classes(tmp_path, sample_path):
    run("build", sample_path, "--store", tmp_path)
    result = run("stats", "--store", tmp_path)
    assert result.exit_code == 0
    assert "gz:Document" in result.output and "named graphs" in result.output


def test_missing_input_is_one_clear_line_and_nothing_written(tmp_path, sample_path):
    store = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(sample_path), str(tmp_path / "nope.txt"), "--store", str(store)])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {tmp_path / 'nope.txt'}: no such file"
    assert not (store / "graph.trig").exists()


def test_binary_input_is_refused(tmp_path):
    blob = tmp_path / "scan.pdf"
    blob.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    result = CliRunner().invoke(main, ["build", str(blob), "--store", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "scan.pdf:2: this looks like a binary file" in result.output
    assert "Traceback" not in result.output


def test_text_with_nothing_recognised_warns_and_builds_empty(tmp_path):
    plain = tmp_path / "note.txt"
    plain.write_text("今天天气很好。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(plain), "--store", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "no document recognised" in result.output
    assert "0 documents" in result.output


def test_eval_of_a_gazette_not_built_says_so(tmp_path, sample_path):
    run("build", sample_path, "--store", tmp_path)
    gold = tmp_path / "other.json"
    gold.write_text(json.dumps({"schema": "gazette-facts/1", "source": "other.txt"}), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold), "--store", str(tmp_path)])
    assert result.exit_code == 1
    assert "'other.txt' is not in the store" in result.output


def test_facts_for_an_unknown_source_is_an_error(tmp_path, sample_path):
    run("build", sample_path, "--store", tmp_path)
    result = CliRunner().invoke(main, ["facts", "--store", str(tmp_path), "--source", "nope"])
    assert result.exit_code == 1 and "no gazette named 'nope'" in result.output


def test_oxigraph_store_from_the_cli(tmp_path, sample_path):
    spec = f"oxigraph:{tmp_path / 'ox'}"
    assert run("build", sample_path, "--store", spec).exit_code == 0
    facts = json.loads(run("facts", "--store", spec).output)
    assert len(facts["documents"]) == 9


def test_run_is_the_readme_main_job_and_writes_every_product(tmp_path, sample_path):
    out = tmp_path / "output"
    result = run("run", sample_path, "-o", out)
    assert result.exit_code == 0, result.output
    assert "SHACL: conforms" in result.output
    assert (out / "graph.trig").stat().st_size > 10_000
    facts = json.loads((out / f"{sample_path.stem}.facts.json").read_text(encoding="utf-8"))
    assert facts["documents"] and facts["tasks"]
    assert (out / "report" / "workload.html").exists() and (out / "report" / "workload.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    assert (out / "graph.html").exists() and len(list(out.glob("graph-*.html"))) >= 2
