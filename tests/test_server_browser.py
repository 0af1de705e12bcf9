"""A real browser through the whole page: upload a PDF résumé, see ten questions, drop one, build the plan.

Drives Debian's ``chromium`` with Playwright against uvicorn on loopback, with the real model. Set
``INFOQUEST_UPDATE_SCREENSHOT=1`` to refresh ``docs/screenshot.png`` (the README shows it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from infoquest.server import create_app
from server_support import GOALS, RESUMES, ROLE, ROOT, running_server

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no browser at {CHROMIUM}: apt-get install chromium"),
]


def test_upload_suggest_drop_and_plan_in_a_real_browser(tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with running_server(create_app(warm=True)) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.goto(url + "/")
        expect(page.get_by_role("heading", name="Prepare an informational interview")).to_be_visible()

        page.get_by_label("Your résumé").set_input_files(str(RESUMES / "maya_chen_student.pdf"))
        page.get_by_label("Your goals, in your own words").fill(GOALS)
        page.get_by_label("Who you will talk to").fill(ROLE)
        page.get_by_label("Meeting length in minutes").fill("25")
        page.get_by_role("button", name="Suggest questions").click()

        questions = page.locator("li.question")
        expect(questions).to_have_count(10)
        expect(page.get_by_role("heading", name="What infoquest understood")).to_be_visible()
        before = questions.evaluate_all("items => items.map(item => item.dataset.id)")

        dropped = before[2]
        page.get_by_role("button", name="Drop question 3:").click()
        expect(questions).to_have_count(10)
        after = questions.evaluate_all("items => items.map(item => item.dataset.id)")
        assert dropped not in after
        assert len(set(after) - set(before)) == 1, "one different question takes the dropped one's place"

        page.get_by_role("button", name="Build the plan").click()
        plan = page.locator("#plan")
        expect(plan.get_by_role("heading", name="Before the meeting")).to_be_visible()
        expect(plan.get_by_role("heading", name="After the meeting")).to_be_visible()
        expect(plan.locator("ol.plan-questions li").first).to_be_visible()
        expect(page.get_by_role("button", name="Print the plan")).to_be_visible()  # shown by the script

        with page.expect_download() as download:
            page.get_by_role("button", name="Download as Markdown").click()
        saved = tmp_path / "plan.md"
        download.value.save_as(saved)
        assert saved.read_text(encoding="utf-8").startswith("# Informational interview plan")

        # Printed, only the plan shows: no form, no buttons, no question list.
        page.emulate_media(media="print")
        expect(plan.get_by_role("heading", name="Before the meeting")).to_be_visible()
        expect(page.get_by_role("heading", name="About you and the meeting")).to_be_hidden()
        expect(page.locator("#questions")).to_be_hidden()
        expect(page.get_by_role("button", name="Download as Markdown")).to_be_hidden()
        page.emulate_media(media="screen")

        # The result page as the README shows it: what was understood, then the questions.
        page.evaluate("document.getElementById('understood').scrollIntoView()")
        shot = tmp_path / "screenshot.png"
        page.screenshot(path=str(shot))

        # On a phone nothing runs off the side of the screen.
        page.set_viewport_size({"width": 375, "height": 740})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        browser.close()
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    if os.environ.get("INFOQUEST_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")
