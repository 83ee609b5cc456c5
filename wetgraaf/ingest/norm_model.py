"""A small linear model on top of the norm-type patterns.

The patterns in :mod:`wetgraaf.ingest.norms` find the cue words; on their own they reach
about 69.5 % on unseen leden (83.5 % with this model), mostly because the line between a duty ("De aanvraag wordt
ingediend bij …"), a power, an allocation of a task and a plain statement of law ("De
termijn vangt aan …") is carried by the vocabulary of the whole sentence, not by one cue.
This module learns that vocabulary from the hand-labelled samples in ``tests/data``:
multinomial logistic regression over sparse features (words and word pairs of the main
sentence, words of the whole lid, the heading, the patterns' own verdict and cue, where the
verb of the main clause stands: its modal, its last word, a negation in it; and where the lid
stands: :class:`NormContext`).

* Inference is a sparse dot product (the rows of the features present, added with numpy in
  feature order); the weights ship as JSON.
* Training (``python -m wetgraaf.ingest.norm_model train``) needs numpy and the corpus; it is
  deterministic, and a test checks that retraining reproduces the shipped weights.
* The held-out sample (``norm_heldout.jsonl``) is never used for training.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from wetgraaf.ingest.blocks import SENTENCE_BREAK

if TYPE_CHECKING:  # pragma: no cover
    from wetgraaf.ingest.records import Document, Provision

__all__ = ["features", "NormContext", "context_of", "NormModel", "load_model", "MODEL_PATH", "TRAINING_FILES"]

MODEL_PATH = Path(__file__).resolve().parent / "norm_model.json"
#: Labelled samples used for training (relative to tests/data); the held-out one is not here.
TRAINING_FILES = ("norm_sample.jsonl", *(f"norm_train_{i}.jsonl" for i in range(25)))


@dataclass(frozen=True, slots=True)
class NormContext:
    """Where a lid stands: what a reader sees around it before reading the lid itself.

    ``containers`` are the headings of the enclosing hoofdstukken, afdelingen, paragrafen …
    (outermost first: "Overgangs- en slotbepalingen", "Strafbepalingen" say a lot);
    ``soort`` is the regeling's kind (wet, AMvB, ministeriele-regeling, beleidsregel …);
    ``position`` is the lid's index in its article (0 = first) and ``n_leden`` their number.
    """

    containers: tuple[str, ...] = ()
    soort: str = ""
    position: int = 0
    n_leden: int = 1


def context_of(doc: Document, provision: Provision) -> NormContext:
    """The :class:`NormContext` of a parsed lid, rebuilt from the document's records.

    The parser builds the same context while it streams (a test checks they agree), so a
    model trained on contexts rebuilt here sees what it will see at ingest.
    """
    headings = {(*u.container, (u.kind, u.nr)): u.heading for u in doc.units if u.kind != "artikel"}
    containers = tuple(
        h for i in range(1, len(provision.container) + 1) if (h := headings.get(provision.container[:i], ""))
    )
    art = provision.id.article_id  # None for a division with free text: its own single unit
    leden = (
        [] if art is None else [p.id for p in doc.provisions if p.kind in ("lid", "artikel") and p.id.article_id == art]
    )
    position = leden.index(provision.id) if provision.id in leden else 0
    return NormContext(containers, doc.regeling.soort, position, max(len(leden), 1))


_WORD = re.compile(r"[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*")


def features(text: str, heading: str, rule: str, cue: str, context: NormContext | None = None) -> list[str]:
    """Sparse binary features of a lid: main-sentence words and pairs, all words, heading, rule,
    and (when given) its context: the words of the enclosing headings, the soort of regeling,
    and whether it is the first lid of its article.

    >>> fs = features("Onze Minister kan ontheffing verlenen.", "", "competence", "authority + kan")
    >>> [f for f in fs if f.startswith(("r:", "c:", "f:"))]
    ['c:authority + kan', 'f:onze', 'f:onze minister', 'f:onze minister kan', 'r:competence']
    """
    return sorted(feature_set(text, heading, rule, cue, context))


def feature_set(text: str, heading: str, rule: str, cue: str, context: NormContext | None = None) -> set[str]:
    """The :func:`features` of a lid as a set (:meth:`NormModel.scores` takes them in sorted order)."""
    brk = SENTENCE_BREAK.search(text)  # the main sentence ends where the second begins
    main = text[: brk.start(1)] if brk else text
    lead = main.split(":", 1)[0].lower()
    words = _WORD.findall(lead)
    out = {f"r:{rule}", f"c:{cue}"}
    out.update(map("m:".__add__, words))  # "m:" + w is f"m:{w}", without a Python loop
    out.update(map("b:{} {}".format, words, words[1:]))
    if words:
        out.add(f"f:{words[0]}")
        out.add(f"f:{' '.join(words[:2])}")
        out.add(f"f:{' '.join(words[:3])}")
    out.update(map("t:".__add__, _WORD.findall(text.lower()[:1500])))
    out.update(_words_of("h:", heading))
    if ":" in main:
        out.add("s:lead-colon")
    if brk is not None:
        out.add("s:multi-sentence")
    out.update(_clause_features(main.split(":", 1)[0]))
    if context is not None:
        for h in context.containers:
            out.update(_words_of("H:", h))
        out.add(f"S:{context.soort}")
        out.add("L:first" if context.position == 0 else "L:later")
        out.add(f"N:{min(context.n_leden, 4)}")
    return out


@lru_cache(maxsize=4096)
def _words_of(prefix: str, heading: str) -> tuple[str, ...]:
    """Features of a heading's words (headings recur for every lid of an article or chapter)."""
    return tuple(f"{prefix}{w}" for w in _WORD.findall(heading.lower()))


_CLAUSE_SPLIT = re.compile(r"\s*[,;]\s*")
_SUBORDINATE = frozenset(
    "indien als wanneer nadat zodra voordat tenzij voorzover zolang omdat doordat zodat die dat waarop waarin "
    "waarmee waarvoor waarbij waaraan waardoor waarvan wie welke ingeval bedoeld met behoudens onverminderd".split()
)
_MODALS = frozenset("kan kunnen mag mogen moet moeten dient dienen wordt worden is zijn heeft hebben".split())
_NEGATIONS = frozenset(("niet", "geen", "slechts", "uitsluitend", "alleen"))


def _clause_features(lead: str) -> set[str]:
    """Where the verb of the main clause stands, and what surrounds it.

    Dutch puts the finite verb of a main clause second (or first after a fronted clause:
    "Indien …, kan de inspecteur …") and the rest of the verb cluster last ("… worden
    gestraft", "… te verstrekken"). The first main clause (one not opened by a subordinator
    or "bedoeld") gives ``v:`` (its first finite-verb-like word), ``e:`` (its last word),
    ``n:`` (a negation or "slechts" in it) and ``vm:`` (the verb with its last word); the
    end of the whole lead gives ``E:``.
    """
    out: set[str] = set()
    clauses = [_WORD.findall(c.lower()) for c in _CLAUSE_SPLIT.split(lead)]
    clauses = [c for c in clauses if c]
    if not clauses:
        return out
    out.add(f"E:{clauses[-1][-1]}")
    fronted = clauses[0][0] in _SUBORDINATE
    for i, words in enumerate(clauses):
        if words[0] in _SUBORDINATE:
            continue
        if i == 0 or fronted:
            # after a fronted subordinate clause the finite verb comes first (inversion)
            verb = next((w for w in words[:6] if w in _MODALS), words[0] if i > 0 else None)
        else:
            verb = next((w for w in words[:6] if w in _MODALS), None)
        if verb:
            out.add(f"v:{verb}")
            out.add(f"vm:{verb} {words[-1]}")
        out.add(f"e:{words[-1]}")
        if _NEGATIONS.intersection(words):
            out.add("n:main")
            if verb:
                out.add(f"n:{verb}")
        break
    return out


class NormModel:
    """Multinomial logistic regression with sparse binary features."""

    def __init__(self, classes: Sequence[str], weights: dict[str, list[float]], bias: Sequence[float]) -> None:
        self.classes = list(classes)
        self.weights = weights
        self.bias = list(bias)
        # the bias and every feature's weights as rows of one matrix, features in sorted order
        # (row 1 on), so that sorting row numbers sorts features; read here, once
        names = sorted(weights)
        self._row = {f: i for i, f in enumerate(names, start=1)}
        self._matrix = np.array([self.bias, *(weights[f] for f in names)], dtype=np.float64)
        if self._matrix.ndim != 2 or self._matrix.shape[1] != len(self.bias):
            raise ValueError("every feature needs one weight per class")

    def scores(self, feats: Iterable[str]) -> list[float]:
        """The probability of each class; a set of features counts in sorted order, like :func:`features`.

        The score of a class is its bias plus the feature weights, added one after another in
        the order the features come (``np.add.accumulate`` adds in that order, as ``sum`` does).
        """
        row = self._row.get
        rows = [0, *filter(None, map(row, feats))]  # feature rows are 1 on: None (unknown) goes
        if isinstance(feats, (set, frozenset)):
            rows.sort()
        z = np.add.accumulate(self._matrix.take(np.array(rows, dtype=np.intp), axis=0), axis=0)[-1].tolist()
        m = max(z)
        e = [math.exp(v - m) for v in z]
        total = sum(e)
        return [v / total for v in e]

    def probability(self, feats: Iterable[str], label: str) -> float:
        """The probability of ``label`` (0.0 for a label the model does not know)."""
        if label not in self.classes:
            return 0.0
        return self.scores(feats)[self.classes.index(label)]

    def predict(self, feats: Iterable[str]) -> tuple[str, float]:
        p = self.scores(feats)
        i = max(range(len(p)), key=p.__getitem__)
        return self.classes[i], p[i]

    def to_json(self) -> str:
        return json.dumps(
            {"classes": self.classes, "bias": self.bias, "weights": self.weights}, ensure_ascii=False, sort_keys=True
        )


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> NormModel | None:
    """The shipped model, or ``None`` if there is none (the patterns then decide alone)."""
    p = Path(path) if path else MODEL_PATH
    if not p.is_file():
        return None
    data = json.loads(p.read_text(encoding="utf-8"))
    return NormModel(data["classes"], data["weights"], data["bias"])


# ----------------------------------------------------------------------------- training
def _examples(data_dir: Path, corpus: Path, files: Sequence[str]) -> tuple[list[list[str]], list[str]]:
    from wetgraaf.ingest.norms import classify
    from wetgraaf.ingest.parse import parse

    rows = [
        json.loads(x) for name in files for x in (data_dir / name).read_text(encoding="utf-8").splitlines() if x.strip()
    ]
    docs = {}
    X: list[list[str]] = []
    y: list[str] = []
    for o in rows:
        if o["file"] not in docs:
            docs[o["file"]] = parse((corpus / o["file"]).read_bytes(), name=o["file"])
        doc = docs[o["file"]]
        provs = [
            p
            for p in doc.provisions
            if p.artikel == o["artikel"] and p.lid == o["lid"] and p.kind in ("lid", "artikel")
        ]
        if not provs:
            continue
        p = provs[0]
        rule = classify(p.text, heading=p.heading, use_model=False)
        X.append(features(p.text, p.heading, rule.norm_type, rule.cues[0] if rule.cues else "", context_of(doc, p)))
        y.append(o["label"])
    return X, y


def train(
    X: list[list[str]], y: list[str], *, l2: float = 1e-4, epochs: int = 1000, lr: float = 1.0, min_count: int = 2
) -> NormModel:
    """Full-batch gradient descent on the softmax loss; deterministic (no randomness)."""
    import numpy as np

    classes = sorted(set(y))
    counts: dict[str, int] = {}
    for fs in X:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    rows_, cols_ = [], []
    for r, fs in enumerate(X):
        for f in fs:
            if f in index:
                rows_.append(r)
                cols_.append(index[f])
    try:  # sparse products: the same arithmetic, ~50x faster than a dense matrix
        from scipy.sparse import csr_matrix

        A = csr_matrix((np.ones(len(rows_)), (rows_, cols_)), shape=(len(X), len(vocab)))
        AT = A.T.tocsr()
    except ImportError:  # pragma: no cover
        A = np.zeros((len(X), len(vocab)))
        A[rows_, cols_] = 1.0
        AT = A.T
    Y = np.zeros((len(X), len(classes)))
    for r, label in enumerate(y):
        Y[r, classes.index(label)] = 1.0
    W = np.zeros((len(vocab), len(classes)))
    b = np.zeros(len(classes))
    n = len(X)
    for _ in range(epochs):
        Z = A @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = (P - Y) / n
        W -= lr * (AT @ G + l2 * W)
        b -= lr * G.sum(axis=0)
    weights = {f: [round(float(v), 5) for v in W[i]] for f, i in index.items() if np.abs(W[i]).max() >= 1e-4}
    return NormModel(classes, weights, [round(float(v), 5) for v in b])


def _cross_validate(X: list[list[str]], y: list[str], folds: int = 5, **kw: float) -> float:
    correct = 0
    for k in range(folds):
        tr = [i for i in range(len(X)) if i % folds != k]
        te = [i for i in range(len(X)) if i % folds == k]
        m = train([X[i] for i in tr], [y[i] for i in tr], **kw)
        correct += sum(1 for i in te if m.predict(X[i])[0] == y[i])
    return correct / len(X)


def main(argv: list[str]) -> None:  # pragma: no cover - developer command
    import argparse

    ap = argparse.ArgumentParser(prog="python -m wetgraaf.ingest.norm_model")
    ap.add_argument("command", choices=["train", "cv"])
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[3] / "shared" / "corpus" / "bwb"))
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "tests" / "data"))
    args = ap.parse_args(argv)
    X, y = _examples(Path(args.data), Path(args.corpus), TRAINING_FILES)
    if args.command == "cv":
        for l2 in (1e-4, 1e-3, 1e-2):
            print(f"l2={l2}: 5-fold accuracy {_cross_validate(X, y, l2=l2):.3f} on {len(X)} examples")
        return
    model = train(X, y)
    MODEL_PATH.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"trained on {len(X)} examples, {len(model.weights)} features → {MODEL_PATH}")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
