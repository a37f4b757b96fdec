"""The PAXml 2.0 tidkoder: the codes a ``tidtrans`` may carry, with the standard's names.

Source: PAXml 2.0 (2013-03-13), section "Koder", and the enumeration ``tidkodTYPE`` of its
schema ``paxml-2.0.xsd``; where the two differ the schema wins, since a file must validate
against it (it lists ``RE4``, the text does not; the text lists ``SCH``, the schema does
not). ``tests/export/test_paxml_codes.py`` checks this table against the schema.
"""

from __future__ import annotations

from typing import Any

TIDKODER = {
    "SJK": "Sjukdom",
    "SJK_KAR": "Sjukdom - Karensdag",
    "SJK_LÖN": "Sjukdom - Sjuklön (Arbetsgivaren betalar)",
    "SJK_ERS": "Sjukdom - Sjukersättning (FK + 10% sjuklön)",
    "SJK_PEN": "Sjukdom - Sjukpenning (Försäkringskassan)",
    "ASK": "Arbetsskada",
    "HAV": "Havandeskapspenning",
    "FPE": "Föräldraledig",
    "VAB": "Vård av barn",
    "SMB": "Smittbärare",
    "UTB": "Utbildning (semestergrundande)",
    "MIL": "Militärtjänst (max 60 dagar)",
    "SVE": "Svenskundervisning för invandrare",
    "NÄR": "Närståendevård",
    "TJL": "Tjänstledig",
    "SEM": "Semester",
    "SEM_BET": "Semester - betald",
    "SEM_SPA": "Semester - sparad",
    "SEM_OBE": "Semester - obetald",
    "SEM_FÖR": "Semester - förskott",
    "KOM": "Kompledig",
    "PEM": "Permission",
    "PER": "Permitterad",
    "FAC": "Fackligt arbete",
    "ATK": "Arbetstidskonto",
    "KON": "Kontaktdagar",
    "PAP": "Pappaledig",
    "ATF": "Arbetstidsförkortning",
    "FR1": "Frånvaro övrigt 1",
    "FR2": "Frånvaro övrigt 2",
    "FR3": "Frånvaro övrigt 3",
    "FR4": "Frånvaro övrigt 4",
    "FR5": "Frånvaro övrigt 5",
    "FR6": "Frånvaro övrigt 6",
    "FR7": "Frånvaro övrigt 7",
    "FR8": "Frånvaro övrigt 8",
    "FR9": "Frånvaro övrigt 9",
    "FLX": "Flextid +/-",
    "TS1": "Tidssaldo 1",
    "TS2": "Tidssaldo 2",
    "TS3": "Tidssaldo 3",
    "TS4": "Tidssaldo 4",
    "TS5": "Tidssaldo 5",
    "TS6": "Tidssaldo 6",
    "TS7": "Tidssaldo 7",
    "TS8": "Tidssaldo 8",
    "TS9": "Tidssaldo 9",
    "TID": "Arbetstid (arbetstid inom schematid)",
    "ARB": "Timlön (arbetstid utanför schema/timanställd)",
    "MER": "Mertid",
    "ÖT1": "Övertid 1 - Betalning",
    "ÖT2": "Övertid 2 - Betalning",
    "ÖT3": "Övertid 3 - Betalning",
    "ÖT4": "Övertid 4 - Betalning",
    "ÖT5": "Övertid 5 - Betalning",
    "ÖK1": "Övertid 1 - Komptid",
    "ÖK2": "Övertid 2 - Komptid",
    "ÖK3": "Övertid 3 - Komptid",
    "ÖK4": "Övertid 4 - Komptid",
    "ÖK5": "Övertid 5 - Komptid",
    "OB1": "OB-ersättning 1",
    "OB2": "OB-ersättning 2",
    "OB3": "OB-ersättning 3",
    "OB4": "OB-ersättning 4",
    "OB5": "OB-ersättning 5",
    "OS1": "Sjuk-OB 1",
    "OS2": "Sjuk-OB 2",
    "OS3": "Sjuk-OB 3",
    "OS4": "Sjuk-OB 4",
    "OS5": "Sjuk-OB 5",
    "JR1": "Jourtid 1",
    "JR2": "Jourtid 2",
    "JR3": "Jourtid 3",
    "JS1": "Sjukjour 1",
    "JS2": "Sjukjour 2",
    "JS3": "Sjukjour 3",
    "BE1": "Beredskapstid 1",
    "BE2": "Beredskapstid 2",
    "BE3": "Beredskapstid 3",
    "BS1": "Sjukberedskap 1",
    "BS2": "Sjukberedskap 2",
    "BS3": "Sjukberedskap 3",
    "RE1": "Restid 1",
    "RE2": "Restid 2",
    "RE3": "Restid 3",
    "RE4": "Restid 4",
    "HLG": "Helglön",
    "SKI": "Skifttillägg",
    "LT1": "Lönetillägg övrigt 1",
    "LT2": "Lönetillägg övrigt 2",
    "LT3": "Lönetillägg övrigt 3",
    "LT4": "Lönetillägg övrigt 4",
    "LT5": "Lönetillägg övrigt 5",
    "LT6": "Lönetillägg övrigt 6",
    "LT7": "Lönetillägg övrigt 7",
    "LT8": "Lönetillägg övrigt 8",
    "LT9": "Lönetillägg övrigt 9",
    "NV1": "Närvaro övrigt 1",
    "NV2": "Närvaro övrigt 2",
    "NV3": "Närvaro övrigt 3",
    "NV4": "Närvaro övrigt 4",
    "NV5": "Närvaro övrigt 5",
    "NV6": "Närvaro övrigt 6",
    "NV7": "Närvaro övrigt 7",
    "NV8": "Närvaro övrigt 8",
    "NV9": "Närvaro övrigt 9",
}

#: Absence codes (the standard's "Frånvaro, endast tidkod"): these alone may be sent as a
#: date range with ``omfattning``; presence is always hours on a date.
ABSENCE = frozenset(list(TIDKODER)[: list(TIDKODER).index("FR9") + 1])

#: Worked time (the standard's "Närvaro/arbetstid"): TID within the schedule, for the
#: monthly-paid; ARB, hourly wage, for the hourly-paid and time outside a schedule.
WORKED = frozenset({"TID", "ARB"})

_BY_KEY = {code.casefold(): code for code in TIDKODER}


def tidkod(value: Any) -> str | None:
    """A tidkod of the standard's list, in its own spelling ("öt1" is ``ÖT1``); blank: none.

    ValueError names the value and says where the list is, for the register's problems."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    found = _BY_KEY.get(str(value).strip().casefold())
    if found is None:
        raise ValueError(
            f"{str(value).strip()[:20]!r} is not a PAXml 2.0 tidkod (ARB, TID, MER, ÖT1–ÖT5, "
            "ÖK1–ÖK5, OB1–OB5, SJK, VAB, SEM, TJL, KOM …; docs/payroll-export.md lists them)"
        )
    return found


tidkod.written = "a PAXml 2.0 tidkod: ARB, TID, MER, ÖT1, ÖK1, OB1, SJK, VAB, SEM …"  # type: ignore[attr-defined]
