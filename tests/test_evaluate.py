"""`atlas eval` scores with the rules of the shared evaluation script."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import REVIEWS, atlas
from graph.evaluate import evaluate, score

SHARED_SCORE = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "score.py"


def test_matching_rules():
    gold = {"works": [{"title": "The Remains of the Day", "type": "novel"}],
            "credits": [{"person": "Kazuo Ishiguro", "role": "author", "work": "The Remains of the Day (novel)"}],
            "cast": [{"actor": "Carey Mulligan", "character": "Kathy H.", "work": "Never Let Me Go (film)"}],
            "adaptations": []}
    predicted = {"works": [{"title": "Remains of the Day", "type": "book"}, {"title": "Atonement", "type": "film"}],
                 "credits": [{"person": "kazuo ishiguro", "role": "author", "work": "Remains of the Day (book)"},
                             {"person": "Ishiguro", "role": "author", "work": "Remains of the Day (book)"}],
                 "cast": [{"actor": "Carey Mulligan", "character": "Kathy", "work": "Never Let Me Go (movie)"}]}
    tallies = score(gold, predicted)
    assert (tallies["works"].matched_gold, tallies["works"].predicted) == (1, 2)
    assert (tallies["credits"].matched_gold, tallies["credits"].matched_predicted) == (1, 1)  # surname alone is wrong
    assert tallies["cast"].f1 == 1.0
    assert tallies["adaptations"].f1 == 1.0  # nothing to find, nothing claimed


def test_agrees_with_the_shared_scorer():
    if not SHARED_SCORE.exists():
        pytest.skip("the shared evaluation script is not on this machine")
    spec = importlib.util.spec_from_file_location("score", SHARED_SCORE)
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    result = evaluate([REVIEWS])
    for name, tallies in result.per_review.items():
        gold = json.loads((REVIEWS / f"{name}.gold.json").read_text())
        for kind, tally in tallies.items():
            assert tally.gold == len(shared.keys(gold, kind))
        report, _ = shared.score(gold, _predicted(name))
        for kind, (precision, recall, f1, n_gold, n_predicted) in report.items():
            ours = tallies[kind]
            assert (round(ours.precision, 6), round(ours.recall, 6), ours.gold, ours.predicted) == \
                   (round(precision, 6), round(recall, 6), n_gold, n_predicted), (name, kind)


def test_strict_works_agrees_with_the_shared_scorer(tmp_path):
    """Facts about a gold "other work" are set aside; a work the gold does not know counts."""
    if not SHARED_SCORE.exists():
        pytest.skip("the shared evaluation script is not on this machine")
    spec = importlib.util.spec_from_file_location("score", SHARED_SCORE)
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    from graph.evaluate import score

    gold = {"works": [{"title": "Moth Hunter", "type": "novel"}], "other_works": [{"title": "Night Ferry", "type": "film"}],
            "credits": [{"person": "Ada Crane", "role": "author", "work": "Moth Hunter (novel)"}]}
    predicted = {"works": [{"title": "Moth Hunter", "type": "novel"}, {"title": "Night Ferry", "type": "film"},
                           {"title": "Harbour Weekly", "type": "film"}],
                 "credits": [{"person": "Ada Crane", "role": "author", "work": "Moth Hunter (novel)"},
                             {"person": "Rufus Hale", "role": "director", "work": "Night Ferry (film)"},
                             {"person": "Rufus Hale", "role": "director", "work": "Harbour Weekly (film)"}]}
    ours = score(gold, predicted, strict_works=True)
    report, _ = shared.score(gold, predicted, strict_works=True)
    for kind, (precision, recall, _, n_gold, n_predicted) in report.items():
        assert (round(ours[kind].precision, 6), round(ours[kind].recall, 6), ours[kind].predicted) == \
               (round(precision, 6), round(recall, 6), n_predicted), kind
    assert ours["works"].predicted == 2 and ours["credits"].predicted == 2  # the menu's film counts, Night Ferry not
    result = atlas("eval", str(REVIEWS), "--strict-works")
    assert result.returncode == 0 and "micro" in result.stdout, result.stderr


def _predicted(name: str) -> dict:
    from graph.evaluate import review_for
    from graph.extract import extract
    from graph.read import read_review

    return extract(read_review(review_for(REVIEWS / f"{name}.gold.json"))).to_json()


def test_eval_command_prints_per_kind_and_micro():
    result = atlas("eval", str(REVIEWS))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("micro ")
    f1 = float(lines[-1].split("F1")[1])
    assert f1 >= 0.9
    for kind in ("works", "adaptations", "credits", "cast"):
        assert any(line.startswith(kind) and "precision" in line for line in lines)


def test_eval_without_gold_files_is_one_line(tmp_path):
    result = atlas("eval", str(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "gold" in result.stderr


def test_verdicts_of_the_team_reviews():
    result = evaluate([REVIEWS])
    assert result.verdicts.gold >= 9
    assert result.verdicts.matched_gold == result.verdicts.gold == result.verdicts.predicted


def test_differences_told_in_prose_are_not_scored_and_anchored_ones_are(tmp_path):
    """The seed's shared gold tells its differences in prose; a gold anchored to sentences is scored."""
    text = "Moth Hunter Book vs Movie Review\n\nThe film leaves out the lighthouse keeper's brother. The rest is the same.\n"
    (tmp_path / "moth.txt").write_text(text, encoding="utf-8")
    gold = {"review": {"reviews": []}, "works": [], "adaptations": [], "credits": [], "cast": []}
    (tmp_path / "moth.gold.json").write_text(json.dumps({**gold, "differences": ["The film drops the brother."]}))
    result = atlas("eval", str(tmp_path))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert evaluate([tmp_path]).differences.gold == 0
    anchored = {"sentences": ["The film leaves out the lighthouse keeper's brother."], "kind": "omitted"}
    (tmp_path / "moth.gold.json").write_text(json.dumps({**gold, "differences": [anchored]}))
    found = evaluate([tmp_path]).differences
    assert (found.gold, found.matched_gold, found.kinds) == (1, 1, 1)
