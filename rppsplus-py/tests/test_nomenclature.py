"""rppsplus.nomenclature: tables, value sets, check at a date, lookup, communes."""

from __future__ import annotations

import datetime
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import rppsplus
from rppsplus import InseeCommune, InseeCountry, RppsplusError
from rppsplus import nomenclature as nom
from rppsplus.nomenclature import (
    Code,
    CodeDeprecated,
    CodeNotAllowed,
    Commune,
    Entry,
    Meta,
    SetVersion,
    Table,
    UnknownCode,
    UnknownTable,
    ValueSet,
    VersionAt,
)

AFTER = datetime.date(2026, 11, 23)
BEFORE = datetime.date(2025, 1, 1)


# --- module surface ---------------------------------------------------------------------


def test_submodule_imports() -> None:
    import rppsplus.nomenclature as by_path

    assert by_path is nom is rppsplus.nomenclature
    for name in nom.__all__:
        assert hasattr(nom, name), name
    assert nom.get.__doc__ and nom.lookup.__doc__


def test_exception_hierarchy() -> None:
    for exc in (UnknownTable, CodeNotAllowed, CodeDeprecated):
        assert issubclass(exc, RppsplusError) and issubclass(exc, ValueError)
    assert nom.UnknownCode is rppsplus.UnknownCode
    assert rppsplus.UnknownTable is UnknownTable


# --- get / search -----------------------------------------------------------------------


def test_get_code() -> None:
    code = nom.get("profession", "326")
    assert isinstance(code, Code)
    assert code.label == "Educateur spécialisé"
    assert code.code == "326"
    assert code.status == "active"
    assert code.replaced_by == ()
    assert repr(code) == "Code('326', 'Educateur spécialisé')"
    # NOS name and NOS code designate the same table.
    assert nom.get("TRE_R85-RolePriseCharge", "326") == code
    assert nom.get("TRE_R85", "326") == code
    assert hash(nom.get("TRE_R85", "326")) == hash(code)
    assert nom.get("profession", "327") != code
    assert nom.get("profession", "999") is None


def test_code_dates() -> None:
    old = nom.get("profession", "318")
    assert isinstance(old, Code)
    assert old.label == "Auxiliaire de vie sociale"
    assert old.date_fin == datetime.date(2025, 12, 22)
    assert old.replaced_by == ("328",)
    assert old.is_valid_at(BEFORE) and not old.is_valid_at(AFTER)
    assert old.is_ended_at(AFTER) and not old.is_ended_at(BEFORE)
    new = nom.get("profession", "371")
    assert isinstance(new, Code)
    assert new.date_valid == datetime.date(2025, 3, 28)
    assert not new.is_valid_at(BEFORE) and new.is_valid_at(AFTER)


def test_get_commune() -> None:
    m3 = nom.get("commune", "13203")
    assert isinstance(m3, Commune)
    assert m3.name == "Marseille 3e Arrondissement"
    assert repr(m3) == "Commune('13203', 'Marseille 3e Arrondissement')"
    assert m3.kind == "arrondissement-municipal"
    assert m3.departement == "13"
    assert m3.parent is not None and m3.parent.name == "Marseille"
    assert m3 == nom.communes()["13203"] and hash(m3) == hash(nom.communes()["13203"])
    ajaccio = nom.get("commune", "2A004")
    assert isinstance(ajaccio, Commune)
    assert ajaccio.old_codes == ("20004",)
    assert "20000" in ajaccio.postal_codes
    assert ajaccio.population > 0
    assert ajaccio.parent is None
    # Old and postal codes are not current codes: get() is exact; resolve_commune() resolves.
    assert nom.get("commune", "20004") is None
    assert nom.get("commune", "75015") is None


def test_search() -> None:
    assert nom.search("profession", "educateur spe")[0].code == "326"
    assert nom.search("commune", "marseille 3")[0].code == "13203"
    st = nom.search("commune", "st etienne")[0]
    assert isinstance(st, Commune) and st.name == "Saint-Étienne"
    assert nom.search("commune", "ajaccio")[0].code == "2A004"
    assert nom.search("commune", "AJACCIO", limit=1)[0].code == "2A004"
    assert len(nom.search("commune", "saint", limit=3)) == 3
    assert any(c.code == "99109" for c in nom.search("pays", "allemagne"))
    with pytest.raises(UnknownTable) as info:
        nom.search("nope", "x")
    assert info.value.code == "unknown_table"


# --- check ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["318", "323"])
def test_check_deprecated(code: str) -> None:
    with pytest.raises(CodeDeprecated) as info:
        nom.check("profession", code, at=AFTER)
    err = info.value
    assert err.code == "code_deprecated"
    assert err.replaced_by == ("328",)
    assert err.kind == "nomenclature"
    assert str(err) == err.message and "328" in err.message
    assert "328" in err.message_en and "deprecated" in err.message_en
    assert err.position is None


@pytest.mark.parametrize("code", ["318", "323"])
def test_valid_in_2025(code: str) -> None:
    # In force on 2025-01-01 in the code system …
    assert nom.check("TRE_R85", code, at=BEFORE).code == code
    found = nom.get("profession", code)
    assert found is not None and found.is_valid_at(BEFORE)
    # … and offered by the portal: JDV_J121 is judged by its version in force on that day
    # (2024-10-25, which lists them; they left it on 2025-12-22).
    assert nom.check("profession", code, at=BEFORE).code == code


def test_check_two_replacements_and_not_allowed() -> None:
    with pytest.raises(CodeDeprecated) as info:
        nom.check("profession", "350", at=AFTER)
    assert info.value.replaced_by == ("371", "372")
    with pytest.raises(CodeNotAllowed) as not_allowed:
        nom.check("profession", "300", at=AFTER)
    assert not_allowed.value.code == "code_not_allowed"
    assert "300" in not_allowed.value.message
    with pytest.raises(CodeNotAllowed):  # not yet in force
        nom.check("profession", "371", at=BEFORE)
    assert nom.check("profession", "371", at=AFTER).code == "371"
    assert nom.check("profession", "326").label == "Educateur spécialisé"  # at=None: today
    with pytest.raises(UnknownCode) as unknown:
        nom.check("profession", "999", at=AFTER)
    assert unknown.value.code == "unknown_code"
    assert unknown.value.message_en == "unknown code"


def test_check_whole_table_and_value_set_names() -> None:
    with pytest.raises(CodeDeprecated) as info:
        nom.check("sexe", "U", at=AFTER)
    u = nom.get("sexe", "U")
    assert u is not None and info.value.replaced_by == u.replaced_by
    assert nom.check("sexe", "U", at=datetime.date(2000, 1, 1)).code == "U"
    assert nom.check("JDV_J121", "326", at=AFTER).code == "326"
    with pytest.raises(UnknownTable):
        nom.check("nope", "326")


# --- lookup -----------------------------------------------------------------------------


def test_lookup_codes() -> None:
    found = nom.lookup("profession", "326", at=AFTER)
    assert not found.postal_code and len(found) == 1
    entry = found.entries[0]
    assert (entry.code, entry.label, entry.status, entry.offered) == ("326", "Educateur spécialisé", "active", True)
    assert entry.commune is None and entry.date_fin is None and entry.replaced_by == ()
    old = nom.lookup("profession", "323", at=AFTER).entries[0]
    assert old.status == "deprecated"
    assert old.replaced_by == ("328",)
    assert old.date_fin == datetime.date(2025, 12, 22)
    assert old.offered is False
    assert nom.lookup("profession", "323", at=BEFORE).entries[0].status == "active"
    assert nom.lookup("sexe", "F", at=AFTER).entries[0].offered is None
    assert nom.lookup("profession", "educateur spe", at=AFTER).entries[0].code == "326"
    assert nom.lookup("profession", "326", at=AFTER) == found
    with pytest.raises(UnknownTable):
        nom.lookup("nope", "326")


def test_lookup_communes() -> None:
    found = nom.lookup("commune", "marseille 3")
    assert found.entries[0].code == "13203"
    assert found.entries[0].commune == nom.get("commune", "13203")
    postal = nom.lookup("commune", "75015")
    assert postal.postal_code
    assert [e.code for e in postal.entries] == ["75115"]
    assert postal.entries[0].label == "Paris 15e Arrondissement"
    assert nom.lookup("commune", "13203").entries[0].label == "Marseille 3e Arrondissement"


# --- tables and value sets --------------------------------------------------------------


def test_table_mapping() -> None:
    r85 = nom.table("profession")
    assert isinstance(r85, Table)
    assert r85.meta.name == "TRE_R85-RolePriseCharge"
    assert r85.meta.oid.startswith("1.2.250.1.213.1.6.1.")
    assert r85.meta.url.startswith("https://")
    assert r85.meta.version.isdigit() and r85.meta.description
    assert r85.partial is False
    assert repr(r85) == "Table('TRE_R85-RolePriseCharge')"
    assert len(r85) == 80
    codes = list(r85)
    assert len(codes) == 80 and all(isinstance(c, Code) for c in codes)
    assert len({c.code for c in codes}) == 80
    assert "326" in r85 and "999" not in r85 and 326 not in r85
    assert r85["326"].label == "Educateur spécialisé"
    assert r85.get("326") == r85["326"]
    assert r85.get("999") is None
    with pytest.raises(KeyError):
        r85["999"]
    assert r85.search("educateur spe", 1)[0].code == "326"
    assert r85 == nom.table("TRE_R85") and hash(r85) == hash(nom.table("TRE_R85"))
    assert nom.table("pays") != r85
    assert len(nom.table("pays")) == 239
    it = iter(r85)
    assert iter(it) is it and next(it) == codes[0]


def test_tables_and_aliases() -> None:
    tables = nom.tables()
    assert tables and all(isinstance(t, Table) for t in tables)
    assert nom.table("profession") in tables
    assert sum(len(t) for t in tables) == sum(1 for t in tables for _ in t)
    assert "profession" in nom.aliases() and "pays" in nom.aliases()
    for alias in nom.aliases():
        assert nom.table(alias) in tables
    with pytest.raises(UnknownTable) as info:
        nom.table("commune")  # not a code system: see communes()
    assert info.value.code == "unknown_table"
    assert info.value.message == str(info.value)
    assert info.value.message.startswith("table inconnue")
    assert info.value.message_en.startswith("unknown table")


def test_value_set() -> None:
    j121 = nom.value_set("JDV_J121")
    assert isinstance(j121, ValueSet)
    assert j121 == nom.value_set("profession") == nom.value_set("JDV_J121-RolePriseCharge-ENREG")
    assert j121.meta.name == "JDV_J121-RolePriseCharge-ENREG"
    assert j121.meta.oid and j121.meta.url and j121.meta.version
    assert j121.system == nom.table("profession")
    assert len(j121) == len(j121.latest) == len(list(j121)) == 60
    assert list(j121) == list(j121.latest.codes) and all(isinstance(c, Code) for c in j121)
    assert "326" in j121 and "300" not in j121 and None not in j121
    assert j121.check("326", AFTER).code == "326"
    assert j121.check("326").code == "326"
    with pytest.raises(CodeDeprecated):
        j121.check("323", AFTER)
    assert j121 in nom.value_sets()
    with pytest.raises(UnknownTable):
        nom.value_set("sexe")  # the whole table: no value set


def test_meta_is_one_shape() -> None:
    # The same object on tables and value sets: no name, oid, url or version of their own.
    j121 = nom.value_set("JDV_J121").meta
    assert isinstance(j121, Meta) and isinstance(nom.table("TRE_R85").meta, Meta)
    assert (j121.name, j121.short_name, j121.oid) == ("JDV_J121-RolePriseCharge-ENREG", "JDV_J121", "1.2.250.1.213.1.6.1.200")
    assert (j121.version, j121.version_date) == ("20260505120000", datetime.date(2026, 5, 5))
    assert j121.url == "https://mos.esante.gouv.fr/NOS/JDV_J121-RolePriseCharge-ENREG/FHIR/JDV-J121-RolePriseCharge-ENREG"
    assert j121.description
    assert repr(j121) == "Meta('JDV_J121-RolePriseCharge-ENREG', version='20260505120000')"
    assert j121 == nom.value_set("profession").meta and hash(j121) == hash(nom.value_set("profession").meta)
    assert j121 != nom.table("TRE_R85").meta
    for cls in (Table, ValueSet):
        for attr in ("name", "oid", "url", "version", "description"):
            assert not hasattr(cls, attr), (cls, attr)
    # Every table and value set answers to its NOS name and code.
    for item in [*nom.tables(), *nom.value_sets()]:
        assert nom.field(item.meta.name) == item == nom.field(item.meta.short_name)


def test_field_and_version_at() -> None:
    assert nom.field("profession") == nom.value_set("JDV_J121")
    assert nom.field("sexe") == nom.table("TRE_R249")  # the whole table
    assert nom.field("TRE_R85") == nom.table("profession")
    j121 = nom.field("profession")
    assert isinstance(j121, ValueSet)
    v = j121.version_at(datetime.date(2025, 4, 24))
    assert isinstance(v, VersionAt)
    assert (v.name, v.version, v.date, v.earliest_stands_in) == (
        "JDV_J121-RolePriseCharge-ENREG",
        "20241025120000",
        datetime.date(2024, 10, 25),
        False,
    )
    assert v == j121.version_at("2025-04-24") and v != j121.version_at(AFTER)
    assert repr(v) == "VersionAt('JDV_J121-RolePriseCharge-ENREG', version='20241025120000', date=2024-10-25, earliest_stands_in=False)"
    assert nom.value_set("mode-exercice").version_at("2020-01-01").earliest_stands_in
    r85 = nom.table("TRE_R85").version_at("2022-09-05")
    assert (r85.version, r85.earliest_stands_in) == ("20260505120000", True)
    assert not nom.table("TRE_R85").version_at(AFTER).earliest_stands_in
    with pytest.raises(UnknownTable):
        nom.field("commune")
    with pytest.raises(TypeError):
        j121.version_at(None)  # type: ignore[arg-type]


def test_set_versions() -> None:
    j121 = nom.value_set("JDV_J121")
    versions = j121.versions
    assert len(versions) == 6 and versions[-1] == j121.latest
    assert [v.date for v in versions] == sorted(v.date for v in versions)
    v = j121.members_at("2025-04-24")
    assert isinstance(v, SetVersion)
    assert (v.version, v.date) == ("20241025120000", datetime.date(2024, 10, 25))
    assert "369" in v and "371" not in v and 369 not in v
    assert len(v) == len(v.codes) == len(list(v)) and all(isinstance(c, Code) for c in v)
    assert repr(v) == f"SetVersion('20241025120000', {len(v)} codes)"
    # offered_at: the members then in force themselves.
    j117 = nom.value_set("mode-exercice")
    assert [c.code for c in j117.offered_at("2026-02-01")] == ["S", "L", "B"]
    assert [c.code for c in j117.offered_at("2026-02-02")] == ["S", "L", "B", "I"]
    civilite = nom.table("TRE_R81")
    assert [c.code for c in civilite.in_force_at("2010-01-01")] == ["M", "MLLE", "MME"]
    assert [c.code for c in civilite.in_force_at(AFTER)] == ["M", "MME"]


# --- list: a form's dropdown --------------------------------------------------------------


def test_list_fills_a_dropdown() -> None:
    professions = nom.list("profession", at=AFTER)
    assert len(professions) == 60 and all(isinstance(e, Entry) for e in professions)
    options = {e.code: e.display or e.label for e in professions}
    assert options["326"] == "Educateur spécialisé" and "323" not in options
    assert all(e.status == "active" and e.offered is True for e in professions)
    # The version a form used, to record beside its list.
    assert nom.field("profession").version_at(AFTER).version == "20260505120000"
    # The same codes as the value set offers, in the same order, by every name.
    offered = [c.code for c in nom.value_set("JDV_J121").offered_at(AFTER)]
    for name in ("profession", "JDV_J121", "JDV_J121-RolePriseCharge-ENREG"):
        assert [e.code for e in nom.list(name, at=AFTER)] == offered
    assert "323" in [e.code for e in nom.list("JDV_J121", at="2022-09-05")]
    assert [e.code for e in nom.list("civilite", at=AFTER)] == ["M", "MME"]
    sexe = nom.list("sexe", at="2026-01-01")
    assert [e.code for e in sexe] == ["UN", "F", "M", "O"] and sexe[0].offered is None
    assert len(nom.list("profession")) > 50  # at=None: today


def test_list_display_and_short_labels() -> None:
    pays = nom.list("pays", at=AFTER)
    assert len(pays) == 217
    france = pays[0]
    assert (france.code, france.label, france.display) == ("99100", "République française", "France")
    roles = {e.code: e for e in nom.list("role", at=AFTER)}
    genr08 = roles["GENR08"]
    assert (genr08.label, genr08.short_label, genr08.display) == (
        "Coordination et orientation",
        "Activité de coordination et d'orientation",
        None,
    )
    assert repr(genr08) == "Entry(code='GENR08', label='Coordination et orientation', status='active')"
    communes = nom.list("commune", at=AFTER)
    assert len(communes) == 37590 and communes[0].commune is not None


def test_list_is_what_the_values_sets_and_tables_give() -> None:
    for name in [*nom.aliases(), *(t.meta.short_name for t in nom.tables()), *(v.meta.name for v in nom.value_sets())]:
        field = nom.field(name)
        for at in ("2020-01-01", "2025-04-24", AFTER):
            codes = field.offered_at(at) if isinstance(field, ValueSet) else field.in_force_at(at)
            assert [e.code for e in nom.list(name, at=at)] == [c.code for c in codes], (name, at)


def test_search_matches_short_and_display_labels() -> None:
    for name in ("pays", "JDV_J256", "JDV_J114"):
        assert nom.search(name, "France")[0].code == "99100", name
        assert nom.lookup(name, "France", at=AFTER).entries[0].display == "France", name
    for name in ("role", "JDV_J116", "TRE_R22"):
        assert nom.search(name, "Activité de coordination et d'orientation")[0].code == "GENR08", name
        assert nom.lookup(name, "activite de coordination", at=AFTER).entries[0].code == "GENR08"
    pays = nom.value_set("pays")
    assert pays.search("france", 1)[0].code == "99100"
    france = pays.get("99100")
    assert france is not None and pays.display(france) == pays.display("99100") == "France"
    assert pays.display("99999") is None and pays.display("01") is None
    # The codes a value set takes from outside its code system.
    outside = nom.get("pays", "01")
    assert outside is not None and outside.label == "Non renseigné" and pays.get("01") == outside
    assert nom.get("TRE_R20", "01") is None


# --- communes ---------------------------------------------------------------------------


def test_communes_mapping() -> None:
    communes = nom.communes()
    assert len(communes) == 37590
    everything = list(communes)
    assert len(everything) == 37590
    assert everything[0].code < everything[-1].code
    assert "13203" in communes and "75015" not in communes and 13203 not in communes
    assert communes["2A004"].name == "Ajaccio"
    assert communes.get("99999") is None
    with pytest.raises(KeyError):
        communes["99999"]
    assert communes.search("ajaccio", 1)[0].code == "2A004"
    assert communes.resolve("20004").commune.code == "2A004"


def test_resolve_commune() -> None:
    ajaccio = nom.resolve_commune("20004")
    assert ajaccio.commune.code == "2A004" and ajaccio.from_old_code
    assert ajaccio.also_postal_code_of == []
    alleins = nom.resolve_commune("13003")
    assert alleins.commune.name == "Alleins" and not alleins.from_old_code
    assert "13203" in [c.code for c in alleins.also_postal_code_of]
    assert nom.resolve_commune("13203").also_postal_code_of == []
    with pytest.raises(UnknownCode) as info:
        nom.resolve_commune("75015")
    assert info.value.code == "unknown_code"
    assert "Paris 15e Arrondissement (75115)" in info.value.message
    assert "75115" in info.value.message_en
    with pytest.raises(UnknownCode):
        nom.resolve_commune("99999")
    with pytest.raises(rppsplus.InvalidLength):
        nom.resolve_commune("1320")
    with pytest.raises(rppsplus.InvalidFormat):
        nom.resolve_commune("2C004")


def test_insee_resolve_methods() -> None:
    res = InseeCommune("20004").resolve()
    assert res.commune.code == "2A004" and res.from_old_code
    assert res == nom.resolve_commune("20004")
    with pytest.raises(UnknownCode) as info:
        InseeCommune("75015").resolve()
    assert "75115" in info.value.message
    france = InseeCountry("99100").resolve()
    assert france.label == "République française" and france.status == "active"
    assert InseeCountry.FRANCE.resolve() == france
    old = InseeCountry("99000").resolve()  # ended codes stay valid for birth places
    assert old.label == "République française" and old.status == "deprecated"
    with pytest.raises(UnknownCode) as unknown:
        InseeCountry("99999").resolve()
    assert unknown.value.kind == "pays"


# --- bad input --------------------------------------------------------------------------

CALLS: list[Any] = [
    lambda v: nom.get(v, "326"),
    lambda v: nom.get("profession", v),
    lambda v: nom.search(v, "x"),
    lambda v: nom.search("profession", v),
    lambda v: nom.search("commune", v),
    lambda v: nom.lookup(v, "x"),
    lambda v: nom.lookup("profession", v),
    lambda v: nom.list(v),
    lambda v: nom.field(v),
    lambda v: nom.value_set("pays").get(v),
    lambda v: nom.value_set("pays").search(v),
    lambda v: nom.value_set("pays").display(v),
    lambda v: nom.check(v, "326"),
    lambda v: nom.check("profession", v),
    lambda v: nom.table(v),
    lambda v: nom.value_set(v),
    lambda v: nom.resolve_commune(v),
    lambda v: nom.table("profession").get(v),
    lambda v: nom.table("profession")[v],
    lambda v: nom.communes().get(v),
]


@pytest.mark.parametrize("bad", [None, 326, b"326", 1.5])
@pytest.mark.parametrize("index", range(len(CALLS)))
def test_non_str_is_a_type_error(index: int, bad: Any) -> None:
    with pytest.raises(TypeError, match="must be str, not"):
        CALLS[index](bad)


@pytest.mark.parametrize("bad", [20261123, datetime.time(12)])
def test_bad_dates_are_type_errors(bad: Any) -> None:
    with pytest.raises(TypeError, match="must be datetime.date"):
        nom.check("profession", "326", at=bad)
    with pytest.raises(TypeError, match="must be datetime.date"):
        nom.lookup("profession", "326", at=bad)
    with pytest.raises(TypeError, match="must be datetime.date"):
        nom.list("profession", at=bad)
    code = nom.get("profession", "326")
    assert code is not None
    with pytest.raises(TypeError):
        code.is_valid_at(bad)


def test_extreme_dates() -> None:
    first, last = datetime.date(1, 1, 1), datetime.date(9999, 12, 31)
    assert nom.check("sexe", "F", at=first).code == "F"
    assert nom.check("sexe", "F", at=last).code == "F"
    with pytest.raises(CodeNotAllowed):  # not yet in force in year 1
        nom.check("profession", "371", at=first)
    with pytest.raises(CodeDeprecated):
        nom.check("profession", "323", at=last)
    assert nom.lookup("profession", "323", at=first).entries[0].status == "active"
    assert nom.lookup("profession", "323", at=last).entries[0].status == "deprecated"
    # A datetime is a date: its date is taken.
    assert nom.check("profession", "326", at=datetime.datetime(2026, 11, 23, 23, 59)).code == "326"


@pytest.mark.parametrize("table", ["profession", "pays", "commune"])
@pytest.mark.parametrize("query", ["", "   ", "\x00", "\x00\x07\x1b", "\ud800", "a" * 10_000_000])
def test_hostile_queries_find_nothing(table: str, query: str) -> None:
    assert nom.search(table, query) == []
    assert nom.lookup(table, query).entries == []


def test_control_characters_in_codes() -> None:
    assert nom.get("profession", "326\x00") is None
    assert nom.get("commune", "13203\x00") is None
    with pytest.raises(UnknownCode):
        nom.check("profession", "\x00")
    with pytest.raises(rppsplus.InvalidFormat):
        nom.resolve_commune("1320\x00")
    with pytest.raises(UnknownTable):
        nom.table("profession\x00")
    with pytest.raises(UnknownTable):
        nom.list("profession\x00")


def test_limits() -> None:
    # limit=0 gives no result; a negative limit is a ValueError; a huge one means no limit.
    assert nom.search("profession", "a", limit=0) == []
    assert nom.search("commune", "saint", limit=0) == []
    assert nom.lookup("profession", "educateur", limit=0).entries == []
    assert nom.lookup("commune", "13203", limit=0).entries == []
    assert nom.table("profession").search("a", 0) == []
    assert nom.communes().search("saint", 0) == []
    for call in (
        lambda: nom.search("profession", "a", limit=-1),
        lambda: nom.search("commune", "saint", limit=-1),
        lambda: nom.lookup("commune", "saint", limit=-1),
        lambda: nom.table("profession").search("a", -5),
    ):
        with pytest.raises(ValueError, match="'limit' must be >= 0"):
            call()
    assert len(nom.search("commune", "saint", limit=2**40)) > 1000
    with pytest.raises(TypeError):
        nom.search("commune", "saint", limit="3")  # type: ignore[call-overload]


def test_objects_are_frozen() -> None:
    code = nom.get("profession", "326")
    assert code is not None
    with pytest.raises(AttributeError):
        code.label = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Table()  # no constructor: tables come from table()


# --- threads ----------------------------------------------------------------------------


def test_threads() -> None:
    queries = ["marseille 3", "st etienne", "ajaccio", "lyon", "paris 15", "bordeaux"] * 50
    expected = [nom.search("commune", q, limit=5) for q in queries]
    shared = iter(nom.communes())  # one iterator shared by every thread

    def work(i: int) -> tuple[list[Commune], str, int]:
        found = nom.search("commune", queries[i], limit=5)
        label = nom.check("profession", "326", at=AFTER).label
        taken = sum(1 for _ in zip(range(100), shared))
        return found, label, taken

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(len(queries))))
    assert [r[0] for r in results] == expected
    assert {r[1] for r in results} == {"Educateur spécialisé"}
    # The shared iterator handed out each commune once: 300 x 100 of the 37590.
    assert sum(r[2] for r in results) == 30_000
