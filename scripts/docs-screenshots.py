"""Take the screenshots of docs/images/ again from the example site as it builds today.

    .venv/bin/python scripts/docs-screenshots.py

Builds the example (mkdocs.yml, content/, columns/, data/, theme/) in a temporary folder, serves it on
127.0.0.1 and photographs, in Debian's chromium driven by Playwright (the tools of tests/e2e), what the
README shows: the home page in a desktop window 1280 × 1000 and an article of 优质服务年 on a phone
(390 × 844, twice the pixels), in 256 colours (Pillow, which WeasyPrint installs). Run it after a change a reader sees on those pages.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = {
    "home-desktop.png": ("/", {"viewport": {"width": 1280, "height": 1000}}),
    "article-phone.png": ("/service-year/2013/06/renmin-yiyuan-yizhen/",
                          {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
                           "is_mobile": True, "has_touch": True}),
}


def build_example(folder: Path) -> Path:
    for name in ("mkdocs.yml", "content", "columns", "theme", "data"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    subprocess.run([sys.executable, "-m", "healthpress.cli", "build"], cwd=folder, check=True)
    return folder / "site"


def small(image: Path) -> None:
    """256 colours are enough for a page of flat colours and text: a third of the size in the repository."""
    with Image.open(image) as shot:
        reduced = shot.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    reduced.save(image, optimize=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        site = build_example(Path(temporary))
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name, (path, device) in SHOTS.items():
                    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **device)
                    page = context.new_page()
                    response = page.goto(base + path, wait_until="networkidle")
                    if response is None or response.status != 200:
                        raise SystemExit(f"{path}: {response.status if response else 'no answer'}")
                    page.evaluate("document.fonts.ready")
                    page.screenshot(path=str(IMAGES / name))
                    small(IMAGES / name)
                    context.close()
                    print(f"docs/images/{name} ← {path}")
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
