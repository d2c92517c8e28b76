"""Validate a column of RPPS numbers with rppsplus.

Run: python examples/python/check_identifiers.py   (with the rppsplus wheel installed)
"""

import rppsplus

# A column as it comes out of a spreadsheet: separators, typos, a test card.
column = [
    "10107985318",
    "101 0798 5318",
    "10107985319",  # wrong check digit
    "1010798531",  # one digit missing
    "99700075122",  # an ANS test card: refused unless test_mode=True
    "",
]

for result in rppsplus.check("rpps", column):
    if result.valid:
        print(f"{result.input!r:17} ok     {result.canonical}")
    else:
        print(f"{result.input!r:17} error  {result.code}: {result.message}")

# One value at a time, with exceptions:
try:
    rppsplus.Rpps("10107985319")
except rppsplus.InvalidChecksum as err:
    print(f"Rpps('10107985319') -> {type(err).__name__} [{err.code}] {err.message_en}")
