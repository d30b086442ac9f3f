"""Uses `cchc serve` as an analyst does, in Chromium: uploads the seed appendix and a survey
through the import page, reads the figures on the pages, builds the report and downloads its
workbook, uploads a file that is not a workbook, and checks that no request leaves the server's
address. Takes screenshots at 1366×768 of every page into SHOTS. Prints a JSON object:
{"problems": [...], "requests": N, "shots": [...]}; no problem means every step held.

Usage: python3 serve_app.py BASE_URL SEED.xlsx SURVEY.xlsx SHOTS_DIR
Needs Playwright for Python (PyPI `playwright`) and Debian's Chromium at /usr/bin/chromium.
"""

import json
import pathlib
import sys
import tempfile

from playwright.sync_api import sync_playwright


def main():
    base, seed, survey, shots = sys.argv[1], sys.argv[2], sys.argv[3], pathlib.Path(sys.argv[4])
    base = base.split("?")[0].rstrip("/")
    shots.mkdir(parents=True, exist_ok=True)
    problems, requests, taken = [], [], []

    def expect(ok, what):
        if not ok:
            problems.append(what)

    def send(page, button):
        """Presses an import button; the page's script sends the files and writes the answer
        over the page, so the old page's mark is gone once the answer is shown."""
        page.evaluate("document.body.dataset.old = '1'")
        expect(page.locator("form[data-progress] progress").count() == 1,
               "the import form has no progress bar")
        expect(page.locator("form[data-progress] .progress").is_hidden(),
               "the progress bar shows before anything is sent")
        page.click(button)
        # Polled from here: a predicate run inside the page would be eval, which the page's
        # policy forbids (as it should).
        for _ in range(600):
            if page.evaluate("() => !(document.body && document.body.dataset.old)"):
                return
            page.wait_for_timeout(100)
        problems.append(f"no answer after pressing {button}")

    def shot(page, name):
        path = shots / f"{name}.png"
        page.screenshot(path=str(path))
        taken.append(str(path))

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page = context.new_page()
        posts = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("request", lambda r: r.method == "POST" and "/import" in r.url
                and posts.append(r.resource_type))
        # A script the policy blocks, or one that fails, is a console error (the bad file's 422
        # is expected).
        page.on("console", lambda m: m.type == "error" and "status of 422" not in m.text
                and problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

        page.goto(base + "/")
        expect("Kho chưa có dữ liệu" in page.content(), "the empty store is not said on /")

        # The seed appendix through the form, as a person picks a file and presses the button.
        page.goto(base + "/import")
        shot(page, "import")
        page.set_input_files("input[name=files]", seed)
        send(page, "button[value=import]")
        text = page.inner_text("main")
        expect("seed_appendix_2021.xlsx" in text and "đã lưu 7" in text,
               f"the import did not say what it stored: {text[:400]}")

        page.set_input_files("input[name=files]", survey)
        send(page, "button[value=import]")
        expect("đã lưu" in page.inner_text("main"), "the survey was not stored")

        page.goto(base + "/scorecards")
        text = page.inner_text("main")
        expect("30,44 điểm đạt trên tối đa 39,5; 9,06 điểm bị mất" in text,
               f"/scorecards does not show 30,44 achieved and 9,06 lost: {text[:300]}")
        expect(page.locator("figure svg").count() >= 1, "/scorecards has no chart")
        shot(page, "scorecards")

        page.goto(base + "/surveys")
        text = page.inner_text("main")
        expect("Chỉ số chung" in text and "%" in text, f"/surveys has no index: {text[:300]}")
        shot(page, "surveys")

        page.goto(base + "/")
        text = page.inner_text("main")
        expect("seed_appendix_2021.xlsx" in text, "the overview does not list the file")
        shot(page, "overview")

        page.goto(base + "/units?name=Sở+Tài+chính&province=Đồng+Nai")
        expect(page.inner_text("main").count("01/03/2025") == 4,
               "/units does not name the four predecessors of 1/3/2025")
        shot(page, "units")

        page.goto(base + "/?lang=en")
        expect("What the store holds" in page.inner_text("main"), "English on request failed")

        # The report: built, then its workbook downloaded as the browser saves it.
        page.goto(base + "/report")
        with page.expect_navigation():
            page.click("main button[type=submit]")
        links = page.locator("a[href^='/report/download/']")
        expect(links.count() == 3, f"{links.count()} download links, not 3")
        shot(page, "report")
        for i in range(links.count()):
            name = links.nth(i).inner_text()
            if name.endswith(".xlsx"):
                with page.expect_download() as info:
                    links.nth(i).click()
                saved = pathlib.Path(tempfile.mkdtemp()) / "report.xlsx"
                info.value.save_as(saved)
                expect(saved.read_bytes()[:2] == b"PK", "the downloaded workbook is not a workbook")

        # A file that is not a workbook: the error names it, and the store is as it was.
        bad = pathlib.Path(tempfile.mkdtemp()) / "bao_cao_hong.xlsx"
        bad.write_bytes(b"not a spreadsheet at all")
        page.goto(base + "/import")
        page.set_input_files("input[name=files]", str(bad))
        send(page, "button[value=import]")
        text = page.inner_text("main")
        expect("bao_cao_hong.xlsx" in text and "kho giữ nguyên" in text,
               f"the bad file's error does not name it: {text[:300]}")
        shot(page, "error")

        browser.close()

    # The uploads went through the page's script (the progress bar), not a plain form post: the
    # policy let the script run.
    expect(posts and all(t == "xhr" for t in posts), f"uploads were sent as {posts}")

    outside = [u for u in requests if not u.startswith(base + "/")]
    expect(not outside, f"requests left the server: {outside[:5]}")
    print(json.dumps({"problems": problems, "requests": len(requests), "shots": taken},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
