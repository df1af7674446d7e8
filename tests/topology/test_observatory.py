"""The site over the stage's TLS scores A+ on the MDN HTTP Observatory."""

import os

import pytest

from tests.topology import observatory

pytestmark = pytest.mark.topology


def test_the_site_scores_a_plus_on_the_http_observatory(stage, capsys):
    reason = observatory.missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)

    result = observatory.scan(f"127.0.0.1:{stage.nginx_port}", stage.certificate)

    summary = result["scan"]
    failed = {name: test["result"] for name, test in result["tests"].items() if not test["pass"]}
    with capsys.disabled():  # in the run's output, passed or not
        print(
            f"\nHTTP Observatory: grade {summary['grade']}, score {summary['score']}, "
            f"{summary['testsPassed']}/{summary['testsQuantity']} tests passed"
        )
    assert failed == {}
    assert summary["grade"] == "A+", summary
