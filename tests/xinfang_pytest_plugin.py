"""pytest plugin for the suite: a skipped browser test is a failure.

Odoo skips HttpCase tours silently when Chromium or websocket-client is
missing; a green run must mean that every tour really ran in a browser.
"""

import pytest

SKIPPED_BROWSER_TESTS = []


def _is_browser_test(item):
    from odoo.tests import HttpCase

    test_class = getattr(item, "cls", None)
    return bool(test_class) and issubclass(test_class, HttpCase)


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
