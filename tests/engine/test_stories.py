"""Big corpora, story by story (issue 15): grouping articles into stories, comparing each on its
own with global ids, the JSON Lines export written as stories finish, and Dask.

The grouping's figures are measured by ``benchmarks/stories.py``; here, floors below them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from benchmarks.stories import completeness, generated, purity
from compare.cli import main
from compare.export import stream_jsonl
from compare.load import is_synopsis_export
from compare.pipeline import compare_by_story
from compare.stories import StoryResult, find_stories
from tests.conftest import ROOT

HARBOR = ROOT / "samples" / "harbor-bridge"
PURITY_FLOOR = 0.8
COMPLETENESS_FLOOR = 0.97
"""Below what benchmarks/stories.py measures on generated corpora of 400 articles."""


@pytest.fixture(scope="module")
def corpus80(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """80 generated articles (about 20 stories), written once for this module."""
    folder = tmp_path_factory.mktemp("stories") / "corpus-80"
    write_corpus(folder, 80, seed=7)
    return folder


def export(*args: str) -> int:
    return main([*args, "--method", "static"])


def test_grouping_a_generated_corpus_is_pure_and_complete() -> None:
    documents, truth = generated(400, seed=7)
    found = find_stories(documents)
    assert purity(found, truth) >= PURITY_FLOOR
    assert completeness(found, truth) >= COMPLETENESS_FLOOR
    # Stories are numbered in the order of their first article.
    firsts = [found.index(story) for story in range(max(found) + 1)]
    assert firsts == sorted(firsts)


def test_dated_articles_far_apart_are_never_one_story() -> None:
    from dataclasses import replace

    documents, _ = generated(10, seed=7)
    story = [d for d in documents if d.source.startswith("0000-")]
    assert len(set(find_stories(story))) == 1
    dated = [replace(d, date=f"2026-0{1 + 3 * (n % 2)}-01") for n, d in enumerate(story)]
    assert len(set(find_stories(dated))) == 2  # January and April: two stories
    assert len(set(find_stories(dated, days=None))) == 1


def test_one_story_compared_on_its_own_is_the_comparison_of_its_articles(
    tmp_path: Path,
    corpus80: Path,
) -> None:
    story = tmp_path / "story"
    story.mkdir()
    for path in corpus80.glob("0000-*.md"):  # the first generated story, alone
        (story / path.name).write_text(path.read_text())
    whole, split = tmp_path / "whole.json", tmp_path / "split.json"
    assert export("--export", str(whole), str(story)) == 0
    assert export("--export", str(split), "--stories", "on", str(story)) == 0
    plain, by_story = json.loads(whole.read_text()), json.loads(split.read_text())
    assert "stories" not in plain and all("story" not in a for a in plain["articles"])
    assert by_story.pop("stories") == 1
    assert [a.pop("story") for a in by_story["articles"]] == [0] * len(plain["articles"])
    assert by_story == plain


def test_article_ids_and_group_numbers_stay_global_across_stories(
    tmp_path: Path, corpus80: Path
) -> None:
    out = tmp_path / "out.json"
    assert export("--export", str(out), "--stories", "on", str(corpus80)) == 0
    document = json.loads(out.read_text())
    articles = document["articles"]
    story_of = {a["id"]: a["story"] for a in articles}
    assert document["stories"] == len(set(story_of.values())) > 1
    assert [a["path"] for a in articles] == sorted(a["path"] for a in articles)  # order given
    assert [a["id"] for a in articles][:3] == ["A", "B", "C"]
    assert [g["id"] for g in document["groups"]] == list(range(1, len(document["groups"]) + 1))
    group_of = {}
    for group in document["groups"]:
        assert len({story_of[m["article"]] for m in group["members"]}) == 1
        for m in group["members"]:
            group_of[(m["article"], m["index"])] = group["id"]
    for article in articles:
        for sentence in article["sentences"]:
            if sentence["kind"] == "claim":
                assert group_of[(article["id"], sentence["index"])] == sentence["group"]
            for match in sentence["matches"]:  # links never leave the story
                assert story_of[match["article"]] == article["story"]


def test_csv_shows_each_article_story_only_when_split(tmp_path: Path, corpus80: Path) -> None:
    folder = corpus80
    for choice, header in (
        ("on", "article,story,title,source,"),
        ("off", "article,title,source,"),
    ):
        out = tmp_path / f"{choice}.csv"
        assert export("--export", str(out), "--table", "all", "--stories", choice, str(folder)) == 0
        summary = (tmp_path / f"{choice}-summary.csv").read_text()
        claims = (tmp_path / f"{choice}-claims.csv").read_text()
        assert summary.startswith(header)
        assert claims.startswith(header.split("title")[0] + "index,")
        assert is_synopsis_export(summary.encode()) and is_synopsis_export(claims.encode())
    rows = (tmp_path / "on-summary.csv").read_text().splitlines()[1:]
    found = sorted({int(row.split(",")[1]) for row in rows})
    assert found == list(range(len(found))) and len(found) > 1


def test_json_lines_hold_one_story_a_line_as_the_json_export_does(
    tmp_path: Path, corpus80: Path
) -> None:
    folder = corpus80
    lines_out, json_out = tmp_path / "out.jsonl", tmp_path / "out.json"
    assert export("--export", str(lines_out), "--stories", "on", str(folder)) == 0
    assert export("--export", str(json_out), "--stories", "on", str(folder)) == 0
    head, *stories = (json.loads(line) for line in lines_out.read_text().splitlines())
    document = json.loads(json_out.read_text())
    assert head["synopsis"] == document["synopsis"] and head["format"] == "jsonl"
    assert head["settings"] == document["settings"]
    assert (head["articles"], head["stories"]) == (80, document["stories"])
    assert [line["story"] for line in stories] == list(range(document["stories"]))
    assert (
        sorted((a for line in stories for a in line["articles"]), key=lambda a: a["path"])
        == document["articles"]
    )
    assert [g for line in stories for g in line["groups"]] == document["groups"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "out.jsonl"]  # no temp


def test_json_lines_are_never_written_over_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n")
    assert export("--export", str(out), "--stories", "on", str(HARBOR)) == 2
    assert out.read_text() == "keep me\n"
    assert export("--export", str(out), "--stories", "on", "--force", str(HARBOR)) == 0
    assert [json.loads(x)["story"] for x in out.read_text().splitlines()[1:3]] == [0, 1]
    small = tmp_path / "small.jsonl"  # not split: the whole comparison on one line, story null
    assert export("--export", str(small), str(HARBOR)) == 0
    head, line = (json.loads(x) for x in small.read_text().splitlines())
    assert head["stories"] is None and line["story"] is None and len(line["articles"]) == 5


def test_json_lines_are_made_from_each_story_as_it_comes() -> None:
    documents, _ = generated(12, seed=7)
    stories = find_stories(documents)
    taken: list[int] = []

    def watched() -> Iterator[StoryResult]:
        for result in compare_by_story(documents, stories):
            taken.append(result.story)
            yield result

    lines = stream_jsonl(watched(), articles=len(documents), stories=max(stories) + 1)
    next(lines), next(lines)  # the settings line and the first story's
    assert taken == [0]  # the later stories are not compared yet, let alone held
    assert len(list(lines)) == max(stories)


# --------------------------------------------------------------------------------------------
# Dask


def test_a_local_dask_cluster_of_two_processes_writes_the_same_bytes(
    tmp_path: Path, corpus80: Path
) -> None:
    pytest.importorskip("distributed")
    folder = corpus80
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    assert export("--export", str(here), "--stories", "on", "--jobs", "1", str(folder)) == 0
    assert export(
        "--export", str(there), "--stories", "on", "--cluster", "local", "--jobs", "2",
        str(folder),
    ) == 0  # fmt: skip
    assert there.read_bytes() == here.read_bytes()


def test_stories_run_as_tasks_on_a_scheduler_given_by_address(
    tmp_path: Path, corpus80: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    folder = corpus80
    here, there = tmp_path / "here.jsonl", tmp_path / "there.jsonl"
    assert export("--export", str(here), "--stories", "on", "--jobs", "1", str(folder)) == 0
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
        distributed.get_task_stream(client) as stream,
    ):
        assert export(
            "--export", str(there), "--stories", "on", "--cluster", cluster.scheduler_address,
            str(folder),
        ) == 0  # fmt: skip
    assert there.read_bytes() == here.read_bytes()
    ran = [task for task in stream.data if task["key"].startswith("_run_with_blas_pinned")]
    assert len(ran) >= 2  # every piece of stories was a task on the cluster


def test_an_unreachable_scheduler_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed")
    out = tmp_path / "out.json"
    assert export("--export", str(out), "--cluster", "tcp://127.0.0.1:9", str(HARBOR)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("synopsis: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert not out.exists()


def test_cluster_without_dask_installed_is_one_line_and_exit_2(tmp_path: Path) -> None:
    # A real interpreter in which importing distributed fails, as it does without the extra.
    script = (
        "import sys; sys.modules['distributed'] = None\n"
        "from compare.cli import main\n"
        f"sys.exit(main(['--export', {str(tmp_path / 'o.json')!r}, '--cluster', 'local', "
        f"{str(HARBOR)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 2
    assert result.stderr == "synopsis: error: --cluster needs Dask: pip install 'synopsis[dask]'\n"
