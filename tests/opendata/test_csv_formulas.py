"""directory.csv never hands a spreadsheet a formula typed into a field (CSV injection)."""

import pytest

from tests.conftest import make_department, make_directorate
from tests.opendata.test_downloads import read_csv


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t=", "\r=", "\t", "\r"], ids=repr)
@pytest.mark.parametrize("language", ["el", "en"])
def test_cells_a_spreadsheet_would_run_start_with_a_quote(client, db, start, language):
    formula = start + 'HYPERLINK("http://evil.example","x")'
    directorate = make_directorate(name_el=formula, name_en=formula)
    make_department(
        directorate,
        "alpha",
        name_el=formula,
        name_en=formula,
        head_name_el=formula,
        head_name_en=formula,
        email=formula,
    )

    rows = read_csv(client.get(f"/{language}/open-data/directory.csv"))

    assert rows[1][:3] == ["'" + formula] * 3
    assert rows[1][4] == "'" + formula
    assert rows[1][5] == f"https://integration.example.gov.gr/{language}/test-directorate/alpha/"


def test_ordinary_rows_are_written_as_they_are(client, db):
    directorate = make_directorate()
    make_department(directorate, "alpha", name_el="Τμήμα = ίσον, + συν - πλην @ παπάκι")
    make_department(directorate, "beta", order=2, head_name_el="")

    response = client.get("/el/open-data/directory.csv")

    assert response.content.decode("utf-8-sig").splitlines() == [
        "Διεύθυνση,Τμήμα,Προϊστάμενος/-η,Τίτλος,Email,URL σελίδας",
        'Διεύθυνση Δοκιμών,"Τμήμα = ίσον, + συν - πλην @ παπάκι",'
        "Γιώργος Νικολάου,Προϊστάμενος,alpha@example.gov.gr,"
        "https://integration.example.gov.gr/el/test-directorate/alpha/",
        "Διεύθυνση Δοκιμών,Τμήμα beta,,,beta@example.gov.gr,"
        "https://integration.example.gov.gr/el/test-directorate/beta/",
    ]
