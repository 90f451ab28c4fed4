"""pytest plugin for the suite.

- A skipped browser test is a failure: Odoo skips HttpCase tours silently
  when Chromium or websocket-client is missing, and a green run must mean
  that every tour really ran in a browser.
- A failed browser test runs once more (pytest-rerunfailures, shown as
  "rerun" in the summary): CPython 3.11 before 3.11.9 can raise
  "SystemError: AST constructor recursion depth mismatch" when two of the
  test server's threads compile at once (CPython gh-106905). Logic tests
  never rerun.
"""

import pytest

SKIPPED_BROWSER_TESTS = []


def _is_browser_test(item):
    from odoo.tests import HttpCase

    test_class = getattr(item, "cls", None)
    return bool(test_class) and issubclass(test_class, HttpCase)


def pytest_collection_modifyitems(items):
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.flaky(reruns=1))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and _is_browser_test(item):
        SKIPPED_BROWSER_TESTS.append(f"{item.nodeid}: {report.longrepr}")


def pytest_sessionfinish(session, exitstatus):
    if SKIPPED_BROWSER_TESTS and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if SKIPPED_BROWSER_TESTS:
        terminalreporter.section("browser tests skipped (counted as failures)")
        for line in SKIPPED_BROWSER_TESTS:
            terminalreporter.write_line(line)
