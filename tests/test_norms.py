"""Norm-type classification against hand-labelled samples.

Samples, each labelled by reading (see the READMEs in tests/data):

* ``norm_sample.jsonl`` (339 leden) is the *development* sample: the patterns in
  :mod:`wetgraaf.ingest.norms` were tuned while looking at its errors;
* ``norm_train_{0..24}.jsonl`` (25 x ~250 leden, drawn later) train the linear model of
  :mod:`wetgraaf.ingest.norm_model` together with the development sample;
* ``norm_heldout.jsonl`` (200 leden, 45 files, drawn with another seed, excluding all of the
  above) was never used for tuning or training. Its accuracy is the honest figure; a second,
  blind annotation of it (``norm_heldout_second_annotator.jsonl``) measures how consistent
  the labels themselves are.

The thresholds are regression guards set just below what was measured when this was
written (see the note on issue 2), not a claim that the research baseline (94 %) is met.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.conftest import DATA, parsed
from wetgraaf.ingest.blocks import norm_ws
from wetgraaf.ingest.norm_model import TRAINING_FILES, context_of, features, load_model
from wetgraaf.ingest.norms import CONFIDENT, classify, classify_sentence


def _load(name: str) -> list[dict]:
    return [json.loads(x) for x in (DATA / name).read_text(encoding="utf-8").splitlines() if x.strip()]


HELDOUT = _load("norm_heldout.jsonl")
SAMPLES = {name: _load(name) for name in (*TRAINING_FILES, "norm_heldout.jsonl")}


def _provision(o: dict):
    doc = parsed(o["file"])
    provs = [
        p for p in doc.provisions if p.artikel == o["artikel"] and p.lid == o["lid"] and p.kind in ("lid", "artikel")
    ]
    return doc, provs[0] if provs else None


def _rule(o: dict):
    """The rule the ingest pipeline recorded for this lid."""
    doc, prov = _provision(o)
    rules = [r for r in doc.rules if prov is not None and r.id == prov.id]
    return rules[0] if rules else None


def _predict(o: dict) -> str | None:
    r = _rule(o)
    return r.norm_type if r else None


def _predict_patterns(o: dict) -> str | None:
    """The patterns alone (no model), for comparison."""
    doc, prov = _provision(o)
    if prov is None:
        return None
    if any(r.id == prov.id and r.cues[:1] == ("definition extracted",) for r in doc.rules):
        return "definition"
    return classify(prov.text, heading=prov.heading, use_model=False).norm_type


def _accuracy(rows: list[dict], predict=_predict) -> tuple[float, list[tuple[dict, str | None]]]:
    errors = []
    for o in rows:
        got = predict(o)
        if got != o["label"]:
            errors.append((o, got))
    return 1 - len(errors) / len(rows), errors


@pytest.mark.parametrize("name", list(SAMPLES))
def test_sample_rows_align_with_parsed_text(name: str) -> None:
    """Every labelled unit exists in the parse, with the text the labeller read."""
    missing = []
    for o in SAMPLES[name]:
        doc = parsed(o["file"])
        provs = [
            p
            for p in doc.provisions
            if p.artikel == o["artikel"] and p.lid == o["lid"] and p.kind in ("lid", "artikel")
        ]
        if not provs:
            missing.append((o["file"], o["artikel"], o["lid"]))
            continue
        # the labeller's text excludes list numbers and may include editorial remarks
        # ("Dit artikel is nog niet in werking getreden"): compare on words only
        if o["text_start"].startswith(
            ("Dit artikel is nog niet", "Dit lid is nog niet", "Dit artikel treedt niet meer")
        ):
            continue  # the labeller's text starts with an editorial remark, which is not law text
        words = norm_ws(o["text_start"]).split()
        text = provs[0].text
        assert sum(w in text for w in words) >= len(words) / 2, (o, text[:120])
    assert not missing, missing


def test_heldout_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    acc, errors = _accuracy(HELDOUT)
    acc_patterns, _ = _accuracy(HELDOUT, _predict_patterns)
    confusion = Counter((o["label"], got) for o, got in errors)
    with capsys.disabled():
        print(
            f"\nnorm-type accuracy on the held-out sample ({len(HELDOUT)} leden): model {acc:.1%}, patterns alone {acc_patterns:.1%};"
            f" top confusions (label, predicted): {confusion.most_common(5)}"
        )
    assert acc >= 0.83, [(o["file"], o["artikel"], o["lid"], o["label"], got, o["text_start"]) for o, got in errors]
    assert acc > acc_patterns  # the model earns its place


def test_confident_rules_are_right_far_more_often(capsys: pytest.CaptureFixture[str]) -> None:
    """``Rule.confidence`` separates the norm types a user can rely on from those to check.

    On the held-out sample the rules at or above :data:`CONFIDENT` must be right at least
    93 % of the time, cover at least half of the leden, and beat the rest by a wide margin;
    a confidence that did not track correctness (or a model that was always unsure) fails.
    """
    rules = [(_rule(o), o["label"]) for o in HELDOUT]
    sure = [r.norm_type == label for r, label in rules if r is not None and r.confident]
    unsure = [r is not None and r.norm_type == label for r, label in rules if r is None or not r.confident]
    acc_sure, acc_unsure = sum(sure) / len(sure), sum(unsure) / max(len(unsure), 1)
    with capsys.disabled():
        print(
            f"\nheld-out: {len(sure)} of {len(rules)} leden confident (p >= {CONFIDENT}), {acc_sure:.1%} right;"
            f" the other {len(unsure)}: {acc_unsure:.1%} right"
        )
    assert len(sure) >= len(rules) / 2
    assert acc_sure >= 0.93
    assert acc_sure >= acc_unsure + 0.15


def test_confidence_is_the_models_probability_of_the_recorded_type() -> None:
    """Per rule: the probability the model gives the recorded type, not of some other class."""
    model = load_model()
    assert model is not None
    checked = 0
    for o in HELDOUT[:60]:
        r = _rule(o)
        if r is None or r.confidence is None:
            continue
        doc, prov = _provision(o)
        base = classify(prov.text, heading=prov.heading, use_model=False)  # the patterns' verdict, a feature
        feats = features(
            prov.text, prov.heading, base.norm_type, base.cues[0] if base.cues else "", context_of(doc, prov)
        )
        assert r.confidence == pytest.approx(model.probability(feats, r.norm_type), abs=1e-4), (o, r)
        assert 0.0 <= r.confidence <= 1.0
        checked += 1
    assert checked >= 50


def test_labels_are_consistent_between_annotators(capsys: pytest.CaptureFixture[str]) -> None:
    second = _load("norm_heldout_second_annotator.jsonl")
    assert [(o["file"], o["artikel"], o["lid"]) for o in second] == [
        (o["file"], o["artikel"], o["lid"]) for o in HELDOUT
    ]
    agree = sum(a["label"] == b["label"] for a, b in zip(HELDOUT, second, strict=True)) / len(HELDOUT)
    with capsys.disabled():
        print(f"\ninter-annotator agreement on the held-out sample: {agree:.1%}")
    assert agree >= 0.9


def test_training_labels_agree_with_a_blind_second_reading(capsys: pytest.CaptureFixture[str]) -> None:
    """300 leden drawn at random from norm_train_8..24, labelled again by two annotators who saw
    only the texts and the conventions (``norm_train.README.md``): the training labels are as
    consistent as the held-out ones, so the model's gap is its own, not the labels'."""
    second = _load("norm_train_second_annotator.jsonl")
    first = {(o["file"], o["artikel"], o["lid"]): o for name in TRAINING_FILES for o in SAMPLES[name]}
    assert len(second) == 300 and all((o["file"], o["artikel"], o["lid"]) in first for o in second)
    agree = sum(o["label"] == first[(o["file"], o["artikel"], o["lid"])]["label"] for o in second) / len(second)
    with capsys.disabled():
        print(f"\nsecond, blind reading of 300 training leden agrees with their labels on {agree:.1%}")
    assert agree >= 0.9


def test_training_fit() -> None:
    rows = [o for name in TRAINING_FILES for o in SAMPLES[name]]
    acc, _ = _accuracy(rows)
    assert acc >= 0.9  # the model can represent its training data (a sanity check, not a score)


def test_model_retrains_to_the_shipped_weights() -> None:
    """Training is deterministic: retraining from tests/data gives the shipped model."""
    pytest.importorskip("numpy")
    from pathlib import Path

    from tests.conftest import CORPUS
    from wetgraaf.ingest.norm_model import _examples, train

    if not CORPUS.is_dir():
        pytest.skip("needs ../shared/corpus/bwb")
    X, y = _examples(DATA, Path(CORPUS), TRAINING_FILES)
    fresh = train(X, y)
    shipped = load_model()
    assert shipped is not None and fresh.classes == shipped.classes
    assert set(fresh.weights) == set(shipped.weights)
    worst = max(abs(a - b) for f in fresh.weights for a, b in zip(fresh.weights[f], shipped.weights[f], strict=True))
    assert worst < 1e-3


def test_every_label_is_predicted_somewhere() -> None:
    """The classifier is not collapsing classes: each label in the sample is hit at least once."""
    dev = SAMPLES["norm_sample.jsonl"]
    hits = Counter(o["label"] for o in dev if _predict_patterns(o) == o["label"])
    assert {o["label"] for o in dev} <= set(hits), hits


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Het is verboden zonder vergunning een bouwwerk te bouwen.", "prohibition"),
        (
            "Bij of krachtens algemene maatregel van bestuur worden nadere regels gesteld over de aanvraag.",
            "delegation",
        ),
        ("Deze wet wordt aangehaald als: Wet op de zorgtoeslag.", "citation_title"),
        ("Deze wet treedt in werking met ingang van 1 januari 2006.", "commencement"),
        ("Hij die een van de feiten pleegt, wordt gestraft met hechtenis van ten hoogste zes maanden.", "penalty"),
        ("De verzekerde heeft aanspraak op een zorgtoeslag.", "permission"),
        ("Onze Minister is bevoegd ontheffing te verlenen.", "competence"),
        ("Artikel 5 is van overeenkomstige toepassing.", "application"),
        ("De belanghebbende is verplicht de inspecteur de gegevens te verstrekken.", "obligation"),
    ],
)
def test_textbook_sentences(sentence: str, expected: str) -> None:
    got = classify_sentence(sentence)
    assert got is not None and got.norm_type == expected


@pytest.mark.parametrize(
    "name",
    ["BWBR0005537_2020-04-15_0.xml", "BWBR0002320_2012-snapshot.xml", "BWBR0012002_2019-10-01_0.xml"],
)
def test_context_rebuilt_from_records_is_what_the_parser_used(name: str) -> None:
    """The model is trained on contexts rebuilt from the records (``context_of``); the parser
    builds them while streaming. If the two disagreed, the model would be trained on one
    thing and run on another: re-classifying every lid from its records must give exactly
    the rule the parser recorded."""

    doc = parsed(name)
    rules = {r.id: r for r in doc.rules if not r.inherited}
    checked = 0
    for p in doc.provisions:
        r = rules.get(p.id)
        decided_elsewhere = r is not None and r.cues[:1] in (("definition extracted",), ("editorial stub",))
        if r is None or p.kind not in ("lid", "artikel", "divisie") or decided_elsewhere:
            continue
        again = classify(p.text, heading=p.heading, context=context_of(doc, p))
        assert (again.norm_type, again.cues, again.confidence) == (r.norm_type, r.cues, r.confidence), (
            p.id,
            p.text[:80],
        )
        checked += 1
    assert checked > 20
