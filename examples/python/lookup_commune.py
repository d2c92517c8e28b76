"""Autocomplete a commune field, then check what was typed, with rppsplus.nomenclature.

Run: python examples/python/lookup_commune.py   (with the rppsplus wheel installed)
"""

from rppsplus import UnknownCode, nomenclature

# What a user types, keystroke by keystroke or all at once: names, prefixes, "st".
for query in ["marseille 3", "st etienne", "ajac", "l hay"]:
    hits = nomenclature.search("commune", query, limit=3)
    print(f"{query!r:14} -> " + ", ".join(f"{c.name} ({c.code})" for c in hits))

# What ends up in the field is a code: resolve it (old codes resolve, postal codes do not).
for code in ["13203", "20004", "13003", "75015"]:
    try:
        r = nomenclature.resolve_commune(code)
    except UnknownCode as err:
        print(f"{code} -> {err.code}: {err.message}")
        continue
    note = " (old code)" if r.from_old_code else ""
    also = ", ".join(c.name for c in r.also_postal_code_of)
    if also:
        note += f" (also the postal code of {also})"
    print(f"{code} -> {r.commune.name} ({r.commune.code}){note}")
