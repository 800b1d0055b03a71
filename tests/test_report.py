"""The workload report, its charts and the report/analyze commands, on an invented
county's graph (青山县) built with the real graph builder."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font
from matplotlib.image import imread

from kg.cli import main
from kg.render import charts
from kg.render.report import display_width, text_table, write_products, write_workload_report

try:  # the builder of invented graphs lives with the analysis tests
    from tests.test_analyze import invented_store, leader_role, task
except ImportError:
    from test_analyze import invented_store, leader_role, task

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path):
    """Two deputies and a mayor who lead tasks, one task leader without a recorded title."""
    return invented_store(
        tmp_path / "store",
        [task("修缮县城北门桥。", leaders=["刘建国", "孙丽华"], lead=["县交通运输局"], coop=["县财政局"],
              deadline="2025-06-30", category=["推进城乡融合", "交通"], ref="1"),
         task("新建城东污水处理厂。", leaders=["刘建国"], lead=["县住建局"], coop=["县财政局", "县直相关单位"],
              deadline="2025-12-31", category=["推进城乡融合"], ref="2"),
         task("举办青山茶文化节<script>alert('x')</script>。", leaders=["孙丽华"], lead=["县文旅局"],
              category=["擦亮文化名片"], ref="3"),
         task("推进粮食生产。", leaders=["王明"], lead=["县农业农村局"], ref="4"),
         task("编制县志。", leaders=["赵学军"], lead=["县档案馆"], ref="5")],
        leaders=[leader_role("县长王明主持", "王明", "mayor", "县长", True),
                 leader_role("县委常委、副县长刘建国", "刘建国", "deputy", "县委常委、副县长", True),
                 leader_role("", "孙丽华", "deputy", None, False)],
        collectives=["县直相关单位"])


def _read(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8-sig")


def test_overview_lists_every_task_leader_in_every_format(store, tmp_path):
    out = tmp_path / "report"
    write_workload_report(store, str(out))
    leaders = ["王明", "刘建国", "孙丽华", "赵学军"]
    for name in ("workload.md", "workload.html"):
        text = _read(out, name)
        positions = [text.find(n) for n in leaders]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), name
    rows = list(csv.DictReader(io.StringIO(_read(out, "workload.csv"))))
    assert [r["leader"] for r in rows] == leaders
    assert [r["title_evidence"] for r in rows] == ["printed", "printed", "inferred", "unknown"]
    liu = rows[1]
    assert (liu["tasks"], liu["alone"], liu["shared"], liu["weighted_share"]) == ("2", "1", "1", "1.50")


def test_a_page_per_deputy_with_tasks_units_deadlines_and_co_leaders(store, tmp_path):
    out = tmp_path / "report"
    written = {Path(p).name for p in write_workload_report(store, str(out))}
    assert {"刘建国.md", "刘建国.html", "孙丽华.md", "孙丽华.html"} <= written
    assert "王明.html" not in written and "赵学军.html" not in written  # pages are for deputy mayors
    page = _read(out, "刘建国.md")
    assert page.startswith("# 刘建国 — 县委常委、副县长")
    for expected in ("修缮县城北门桥。", "新建城东污水处理厂。", "县交通运输局", "县住建局", "2025-06-30",
                     "2025-12-31", "孙丽华 (1)", "县财政局"):
        assert expected in page, expected
    assert "(charts/%E5%88%98%E5%BB%BA%E5%9B%BD-categories.png)" in page
    assert (out / "charts" / "刘建国-categories.png").stat().st_size > 0
    html_page = _read(out, "刘建国.html")
    assert html_page.count('src="data:image/png;base64,') == 2
    assert '<a href="%E5%88%98%E5%BB%BA%E5%9B%BD.html">刘建国</a>' in _read(out, "workload.html")


def test_each_task_links_to_its_evidence(store, tmp_path):
    out = tmp_path / "report"
    write_workload_report(store, str(out))
    html_page = _read(out, "刘建国.html")
    assert html_page.count("<details>") == 3  # title evidence + two tasks
    assert "<summary>青政办函〔2025〕3号 #1</summary>" in html_page
    assert "<blockquote>青山县人民政府办公室关于印发《2025年县政府重点工作任务分解》的通知</blockquote>" in html_page
    md = _read(out, "刘建国.md")
    assert "修缮县城北门桥。 [^e1]" in md
    assert "[^e1]: 青政办函〔2025〕3号《青山县人民政府办公室关于印发《2025年县政府重点工作任务分解》的通知》" in md
    tasks = list(csv.DictReader(io.StringIO(_read(out, "workload-tasks.csv"))))
    assert all(r["evidence_quote"] for r in tasks) and len(tasks) == 6  # 5 tasks, one led by two


def test_document_text_is_escaped_in_html_and_markdown(store, tmp_path):
    out = tmp_path / "report"
    write_workload_report(store, str(out))
    for name in ("孙丽华.html", "workload.html", "孙丽华.md"):
        text = _read(out, name)
        assert "<script>" not in text, name
    assert "举办青山茶文化节&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;。" in _read(out, "孙丽华.html")
    assert "&lt;script&gt;" in _read(out, "孙丽华.md")
    assert "<script>alert('x')</script>" in _read(out, "workload-tasks.csv")  # CSV keeps the text as printed


def test_csv_has_a_bom_for_excel(store, tmp_path):
    out = tmp_path / "report"
    write_workload_report(store, str(out), formats=("csv",))
    for name in ("workload.csv", "workload-tasks.csv", "units.csv", "hubs.csv"):
        data = (out / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name
    hubs = list(csv.DictReader(io.StringIO(_read(out, "hubs.csv"))))
    assert hubs[0]["unit"] == "县财政局" and hubs[0]["rank"] == "1"
    collective = next(r for r in hubs if r["unit"] == "县直相关单位")
    assert collective["collective"] == "yes" and collective["rank"] == ""


def test_report_is_byte_identical_across_runs_and_processes(store, tmp_path):
    first, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    write_workload_report(store, str(first))
    write_workload_report(store, str(second))
    subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "report", "workload",
                    "--store", store.spec, "-o", str(third)], check=True, cwd=REPO, capture_output=True)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert any(str(f).endswith(".png") for f in files)
    for other in (second, third):
        assert sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file()) == files
        for f in files:
            assert (first / f).read_bytes() == (other / f).read_bytes(), f
    assert not [p for p in first.rglob(".tmp-*")]  # atomic writes leave no temp files


def test_leader_option_writes_only_that_leaders_page(store, tmp_path):
    out = tmp_path / "one"
    written = sorted(Path(p).relative_to(out).as_posix() for p in
                     write_workload_report(store, str(out), leader="赵 学军"))
    assert written == sorted(["赵学军-tasks.csv", "赵学军.html", "赵学军.md", "charts/赵学军-categories.png"])


def test_write_products_puts_all_formats_under_report(store, tmp_path):
    paths = write_products(store, str(tmp_path / "out"))
    names = {Path(p).relative_to(tmp_path / "out").as_posix() for p in paths}
    assert {"report/workload.md", "report/workload.html", "report/workload.csv"} <= names


# --- charts --------------------------------------------------------------------

def test_chart_font_is_a_cjk_font_that_covers_the_labels():
    family = charts.cjk_font_family()
    assert "CJK" in family or "Han" in family or "Hei" in family
    path = charts.cjk_font_path()
    covered = FT2Font(path).get_charmap()
    assert all(ord(c) in covered for c in "推进城乡融合擦亮文化名片刘建国截止")
    assert font_manager.FontProperties(fname=path).get_name() in family or "CJK" in Path(path).name


def test_chart_png_is_a_real_picture_without_missing_glyphs():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        data = charts.bar_chart_png([("推进城乡融合", 12), ("擦亮文化名片", 3)], "刘建国: tasks by category")
    assert data.startswith(b"\x89PNG") and len(data) > 5_000
    pixels = imread(io.BytesIO(data), format="png")
    assert pixels.shape[0] > 100 and pixels.shape[1] > 300
    colours = {tuple(p) for p in pixels.reshape(-1, pixels.shape[-1])[::37].tolist()}
    assert len(colours) > 2
    assert charts.bar_chart_png([("推进城乡融合", 12), ("擦亮文化名片", 3)], "刘建国: tasks by category") == data


def test_missing_cjk_font_is_a_clear_error(monkeypatch):
    latin = [f for f in font_manager.fontManager.ttflist if f.name == "DejaVu Sans"]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin)
    charts.cjk_font_family.cache_clear()
    try:
        with pytest.raises(charts.MissingCJKFont, match="fonts-noto-cjk"):
            charts.bar_chart_png([("推进", 1)], "x")
    finally:
        monkeypatch.undo()
        charts.cjk_font_family.cache_clear()


# --- command line --------------------------------------------------------------

def test_cli_report_workload_writes_the_chosen_format(store, tmp_path):
    out = tmp_path / "cli"
    result = CliRunner().invoke(main, ["report", "workload", "--store", store.spec, "--format", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    listed = result.output.split()
    assert str(out / "workload.md") in listed and str(out / "刘建国.md") in listed
    assert not list(out.glob("*.html")) and not list(out.glob("*.csv"))


def test_cli_report_unknown_leader_names_the_known_ones(store, tmp_path):
    result = CliRunner().invoke(main, ["report", "workload", "--store", store.spec, "--leader", "张三",
                                       "-o", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "no leader named '张三'" in result.output and "刘建国" in result.output


def test_cli_on_an_empty_store_says_to_build_first(tmp_path):
    for args in (["report", "workload"], ["analyze", "hubs"]):
        result = CliRunner().invoke(main, args + ["--store", str(tmp_path / "empty"), "-o", str(tmp_path / "r")]
                                    if args[0] == "report" else args + ["--store", str(tmp_path / "empty")])
        assert result.exit_code == 1 and "kg build" in result.output, result.output


def test_cli_analyze_hubs_prints_an_aligned_table(store):
    result = CliRunner().invoke(main, ["analyze", "hubs", "--store", store.spec, "--top", "3"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["#", "unit", "degree", "weighted", "betweenness"]
    body = lines[2:5]
    assert body[0].split()[1] == "县财政局" and len(body) == 3
    assert "县直相关单位" not in result.output
    # right-aligned numbers end in the same terminal column although the names differ in width
    ends = {display_width(line[:line.index(line.split()[2]) + len(line.split()[2])]) for line in body}
    assert len(ends) == 1
    flagged = CliRunner().invoke(main, ["analyze", "hubs", "--store", store.spec, "--include-collectives"])
    assert "县直相关单位 *" in flagged.output


def test_text_table_counts_chinese_characters_as_two_columns():
    table = text_table(["unit", "n"], [["县财政局", 3], ["ABC", 12]], right={1})
    lines = table.splitlines()
    assert {display_width(line) for line in (lines[0], lines[2], lines[3])} == {display_width("县财政局  12")}
