"""The PAXml code list against the standard's schema, and the shared sample files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stampla.domain.export.codes import ABSENCE, TIDKODER, tidkod
from stampla.service.export.paxml import read_paxml, validation_problems

SHIPPED = Path(__file__).parents[2] / "src/stampla/service/export/paxml-2.0.xsd"
SHARED = Path(__file__).parents[3] / "shared/paxml"


def test_the_code_list_is_the_schemas():
    schema = SHIPPED.read_text(encoding="iso-8859-1")
    start = schema.index('name="tidkodTYPE"')
    listed = re.findall(r'value="([^"]+)"', schema[start : schema.index("</xs:simpleType>", start)])
    assert list(TIDKODER) == listed
    assert {"SJK", "VAB", "SEM", "TJL", "KOM", "FR9"} <= ABSENCE
    assert not {"ARB", "TID", "OB1", "ÖT1"} & ABSENCE


@pytest.mark.parametrize(
    ("sent", "stored"),
    [("ARB", "ARB"), ("öt1", "ÖT1"), (" ök5 ", "ÖK5"), ("sem_för", "SEM_FÖR"), ("", None)],
)
def test_a_tidkod_is_read_in_any_letter_case(sent, stored):
    assert tidkod(sent) == stored


@pytest.mark.parametrize("sent", ["SCH", "OB6", "Övertid", "ÖT"])
def test_a_code_outside_the_list_is_refused(sent):
    with pytest.raises(ValueError, match="not a PAXml 2.0 tidkod"):
        tidkod(sent)


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared PAXml samples are not beside the repo")
def test_the_samples_parse_with_the_same_reader():
    for sample in sorted(SHARED.glob("sample-*.xml")):
        tree = read_paxml(sample.read_bytes())
        assert tree.getroot().tag == "paxml"
    assert validation_problems((SHARED / "sample-time-export.xml").read_bytes()) == []
    # The standard's own sample writes a tidpunkt the schema's xs:dateTime does not accept.
    (problem,) = validation_problems((SHARED / "sample-paxml-2.0.xml").read_bytes())
    assert "tidpunkt" in problem
