"""The event cell of the hand-written casualty gold tables (casualties.tsv,
casreal.tsv), read into the JSON gold event that `marsad eval events --gold`
scores. One place for both builders, so the two sets mean the same thing by
the same spec.

A cell is `PLOVER key=value ...`: k, i, a (killed, injured, arrested; `null`
for unknown), v (the figures that are floors, e.g. `v=k,i`), place and by (the
place and the party whose claim the toll is; their values may hold spaces and
must occur in the sentence)."""

FIELDS = {"k": "fatalities", "i": "injured", "a": "arrested"}
KEYS = ("k", "i", "a", "v", "place", "by")


def event(spec, text, id_):
    parts = spec.split()
    ev = {"plover": parts[0], "source_code": "None None", "target_code": "None None",
          "source_text": "", "target_text": ""}
    items, cur = [], None
    for tok in parts[1:]:
        if "=" in tok and tok.split("=", 1)[0] in KEYS:
            cur = tok.split("=", 1)
            items.append(cur)
        elif cur is not None:
            cur[1] += " " + tok
        else:
            raise SystemExit(f"{id_}: cannot read {spec!r}")
    for key, val in items:
        if key in FIELDS:
            ev[FIELDS[key]] = None if val == "null" else int(val)
        elif key == "v":
            ev["vague"] = [FIELDS[k] for k in val.split(",")]
        elif key in ("place", "by"):
            assert val in text, (id_, val)
            ev["place" if key == "place" else "reported_by"] = val
    return ev
