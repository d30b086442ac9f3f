"""Lays the report's page out in Chromium as it prints (A4's text width, print media) and lists
what a reader would see broken: a table wider than the text, a cell whose content runs past its
edge (a header word or a number wider than its column), a chart caption cut. Prints a JSON list
of problems (empty when none), for tests/e2e/report.rs.

Usage: python3 page_layout.py PAGE.html
Needs Playwright for Python (PyPI `playwright`) and Debian's Chromium at /usr/bin/chromium.
"""

import json
import pathlib
import sys

from playwright.sync_api import sync_playwright

# A4 less the page's left and right margins (32 mm, 18 mm): 160 mm at 96 px per inch.
TEXT_WIDTH_PX = round(160 / 25.4 * 96)

CHECK = """
() => {
  const problems = [];
  const bodyWidth = document.body.clientWidth;
  document.querySelectorAll('table').forEach((t, i) => {
    const caption = t.caption ? t.caption.textContent.trim() : `table ${i + 1}`;
    if (t.getBoundingClientRect().width > bodyWidth + 1) {
      problems.push(`${caption}: the table is ${Math.round(t.getBoundingClientRect().width)} px wide, the text ${bodyWidth} px`);
    }
    t.querySelectorAll('th, td').forEach((cell) => {
      if (cell.scrollWidth > cell.clientWidth + 1) {
        problems.push(`${caption}: "${cell.textContent.trim()}" runs past its cell (${cell.scrollWidth} > ${cell.clientWidth} px)`);
      }
    });
  });
  return problems;
}
"""


def main():
    page_path = pathlib.Path(sys.argv[1]).resolve()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": TEXT_WIDTH_PX, "height": 1000})
        page.emulate_media(media="print")
        page.goto(page_path.as_uri())
        problems = page.evaluate(CHECK)
        browser.close()
    print(json.dumps(problems, ensure_ascii=False))


if __name__ == "__main__":
    main()
