"""Title index of the 2012 BWB dump, used by the annotator to look up other laws' BWB ids by hand.

    /work/main/.venv/bin/python tests/data/rules_oracle/titles.py > /tmp/rulesoracle_titles.tsv

One line per regeling: bwb_id, soort, intitule, and the citation title(s) the regeling gives itself
("... kan worden aangehaald als: X"). The legacy files have no <citeertitel>, so the citation title
comes from that article. The index is only read by a person (grep); no label is made from it
automatically.
"""

import glob
import os
import re
import sys

from lxml import etree

DUMP = os.path.expanduser(sys.argv[1] if len(sys.argv) > 1 else "~/.cache/wetgraaf/bwb-2012")
AANGEHAALD = re.compile(r"aangehaald\s+als:?\s*(.{3,160}?)(?:\.\s|\.$|$)", re.I)


def clean(el):
    if el is None:
        return ""
    parts = [el.text or ""]
    for ch in el:
        if ch.tag != "meta-data":
            parts.append("".join(ch.itertext()))
        parts.append(ch.tail or "")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def main():
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False, huge_tree=True)
    for f in sorted(glob.glob(os.path.join(DUMP, "*.xml"))):
        with open(f, "rb") as fh:
            if b"<error" in fh.read(400):
                continue
        try:
            root = etree.parse(f, parser).getroot()
        except etree.XMLSyntaxError:
            continue
        titles = []
        cit = root.find("citeertitel")
        if cit is not None:
            titles.append(clean(cit))
        for al in root.iter("al"):
            t = re.sub(r"\s+", " ", "".join(al.itertext()))
            if "aangehaald" in t:
                for m in AANGEHAALD.finditer(t):
                    titles.append(m.group(1).strip(" :'\"‘’“”"))
        print(
            "\t".join(
                [
                    root.get("bwb-id") or os.path.basename(f)[:-4],
                    root.get("soort") or "",
                    clean(root.find("intitule")),
                    " | ".join(dict.fromkeys(titles)),
                ]
            )
        )


if __name__ == "__main__":
    main()
