"""Suggest the quarter of the sample for the second, blind annotator: a quarter of each stratum
(rounded up), drawn with the sample's seed. Writes second_annotator_ids.txt (one id a line).

    /work/main/.venv/bin/python tests/data/rules_oracle/quarter.py
"""

import json
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rows = [json.loads(l) for l in open(os.path.join(HERE, "sample.jsonl"), encoding="utf-8")]
rng = random.Random(20261207)
picked = []
for stratum in sorted({r["stratum"] for r in rows}):
    ids = [r["id"] for r in rows if r["stratum"] == stratum]
    picked += rng.sample(ids, math.ceil(len(ids) / 4))
with open(os.path.join(HERE, "second_annotator_ids.txt"), "w") as fh:
    fh.write("\n".join(sorted(picked)) + "\n")
print(len(picked))
