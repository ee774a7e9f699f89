#!/usr/bin/env python3
"""ctest report_html: the HTML report (zoning report -o FILE.html) in headless Chromium.

  tests/report_html/test_report_html.py --zoning build/bin/zoning [--keep DIR]

Writes the wind farm's report on the sample catalog with the built zoning, opens it in Debian's
Chromium through chromedriver (selenium, python3-selenium) and checks: no console error, no
request outside the file (every URL of the performance log's Network events is file: or
data:), the map SVG drawn (non-white pixels in a screenshot of the map element, decoded here
with zlib: no PIL), clicking a conflict part (by its data-part) highlights its row and brings
it into view, clicking a row highlights the part (and brings a part panned out of the zoomed
view back into it), the map's labels are the PDF's and keep their size on the screen when
zoomed, the scale bar speaks the page's language, the zoom buttons and a drag change the view,
the page's text holds the project name, the verdict and each class row's hectares as
`zoning screen --format json` gives them; then `chromium --headless --print-to-pdf` of the page
has at least as many pages as needed, all A4, the map page landscape. A screenshot of the whole
page is left in the work folder (--keep DIR, else ZONING_TEST_TMP/report_html).

Without chromium, chromedriver or selenium it exits 77 (ctest: skipped), unless
ZONING_REQUIRE_CHROMIUM=1 (CI: .ci/run) makes that a failure. As root Chromium needs
--no-sandbox; every run has its own temporary user-data-dir.
"""
import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's python3-selenium lives there


def log(*a):
    print("report_html:", *a, file=sys.stderr, flush=True)


def chromium_binary():
    for p in ("/usr/lib/chromium/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or ""):
        if p and os.access(p, os.X_OK):
            return p
    return None


def missing_tools():
    missing = []
    if chromium_binary() is None:
        missing.append("chromium")
    if shutil.which("chromedriver") is None and not os.access("/usr/bin/chromedriver", os.X_OK):
        missing.append("chromedriver (chromium-driver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (python3-selenium)")
    if shutil.which("pdfinfo") is None:
        missing.append("pdfinfo (poppler-utils)")
    return missing


# ---- PNG decoding (8-bit RGB/RGBA, non-interlaced: what Chromium writes) ------------------------
def png_pixels(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", 0
    height = depth = ctype = interlace = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    if depth != 8 or ctype not in (2, 6) or interlace != 0:
        raise ValueError(f"PNG depth {depth} colour type {ctype} interlace {interlace}: not decoded here")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def ink(png):
    """(share of non-white pixels, number of distinct colours) of a screenshot."""
    w, h, bpp, rows = png_pixels(png)
    inked, colours = 0, set()
    for row in rows:
        for x in range(0, w * bpp, bpp):
            px = row[x:x + 3]
            if px != b"\xff\xff\xff":
                inked += 1
                colours.add(px)
    return inked / max(1, w * h), len(colours)


# ---- the test ------------------------------------------------------------------------------------
class Failures:
    def __init__(self):
        self.items = []

    def check(self, ok, what):
        log(("ok   " if ok else "FAIL ") + what)
        if not ok:
            self.items.append(what)


def run(cmd, **kw):
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))[:400]}: exit {r.returncode}\n{r.stdout[-1500:]}\n{r.stderr[-1500:]}")
    return r.stdout


def hectares(v):
    return f"{v / 1e4:,.4f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zoning", required=True)
    ap.add_argument("--keep", help="folder for the report, the screenshots and the printed PDF")
    args = ap.parse_args()

    missing = missing_tools()
    if missing and "selenium (python3-selenium)" in missing and sys.executable != SYSTEM_PYTHON \
            and os.access(SYSTEM_PYTHON, os.X_OK) and not os.environ.get("ZONING_REPORT_HTML_REEXEC"):
        # Another python3 first on PATH (pyenv): Debian's selenium is in the system one.
        os.environ["ZONING_REPORT_HTML_REEXEC"] = "1"
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    if missing:
        msg = "missing " + ", ".join(missing) + ": scripts/install-deps installs chromium chromium-driver python3-selenium"
        if os.environ.get("ZONING_REQUIRE_CHROMIUM") == "1":
            log(msg)
            return 1
        log(msg + ": skipped")
        return 77

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.by import By

    base = Path(args.keep or Path(os.environ.get("ZONING_TEST_TMP", tempfile.gettempdir())) / "report_html")
    base.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="zoning-report-html-"))
    fails = Failures()
    driver = None
    try:
        catalog = ROOT / "shapefiles/yunzhou/catalog.yaml"
        project = ROOT / "examples/projects/jijiazhuang_wind.geojson"
        fields = ["--id-field", "XMBH", "--name-field", "XMMC", "--width-field", "KD"]
        page = base / "jijiazhuang_wind.html"
        out = run([args.zoning, "report", "-c", catalog, project, *fields, "--org", "云州区自然资源局", "--author", "制图员",
                   "--reviewer", "审核员", "--date", "2026-12-01", "-o", page])
        log(out.strip())
        size = page.stat().st_size
        fails.check(size < 1.5e6, f"the page is {size} bytes (< 1.5 MB)")
        screen = json.loads(run([args.zoning, "screen", "-c", catalog, project, *fields, "--format", "json"]))
        html = page.read_text(encoding="utf-8")
        fails.check(not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html, re.I), "no src/href to another place")

        chrome = chromium_binary()
        opts = webdriver.ChromeOptions()
        opts.binary_location = chrome
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
                  f"--user-data-dir={work / 'profile'}", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--lang=zh-CN"):
            opts.add_argument(a)
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)
        driver.set_page_load_timeout(60)
        driver.get(page.as_uri())
        driver.execute_script("return document.fonts.ready.then(function () { return true; })")

        # ---- console and network
        errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        fails.check(not errors, f"no console error ({errors[:3]})")
        urls = []
        for e in driver.get_log("performance"):
            m = json.loads(e["message"])["message"]
            if m.get("method") == "Network.requestWillBeSent":
                url = m["params"]["request"]["url"]
                if url == page.as_uri() or urls:  # from the page on: the browser's new tab before it is not the page's
                    urls.append(url)
        outside = [u for u in urls if not (u.startswith("file:") or u.startswith("data:"))]
        fails.check(bool(urls), f"the performance log saw the page's request ({len(urls)} requests)")
        fails.check(not outside, f"no request outside the file ({outside[:5]})")

        # ---- the map drawn
        svg = driver.find_element(By.ID, "map")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", svg)
        share, colours = ink(svg.screenshot_as_png)
        fails.check(share > 0.03 and colours >= 4, f"the map is drawn ({share:.1%} of its pixels inked, {colours} colours)")
        (base / "map.png").write_bytes(svg.screenshot_as_png)
        labels = [p.get_attribute("data-part") for p in driver.find_elements(By.CSS_SELECTOR, "#map path[data-part]")]
        fails.check(len(labels) == 4, f"the map has the wind farm's 4 conflict parts ({labels})")

        # ---- click a part on the map: its row highlighted and in view
        def view(el):
            return driver.execute_script("return arguments[0].getAttribute('viewBox')", el).split()

        def point_inside(el):
            return driver.execute_script("""
                var el = arguments[0], r = el.getBoundingClientRect();
                for (var n = 4; n <= 64; n *= 2)
                  for (var i = 1; i < n; ++i) for (var j = 1; j < n; ++j) {
                    var x = r.left + r.width * i / n, y = r.top + r.height * j / n;
                    if (document.elementsFromPoint(x, y).indexOf(el) >= 0) return [x, y];
                  }
                return null;""", el)

        def click_at(xy):
            ab = ActionBuilder(driver)
            ab.pointer_action.move_to_location(int(round(xy[0])), int(round(xy[1])))
            ab.pointer_action.click()
            ab.perform()

        for label in labels[:2]:
            part = driver.find_element(By.CSS_SELECTOR, f'#map path[data-part="{label}"]')
            def centre_map():
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", svg)
                return point_inside(part)
            xy = centre_map()
            for _ in range(6):  # a part too small to hit at the first view: zoom in on it
                if xy is not None:
                    break
                driver.execute_script("""
                    var r = arguments[0].getBoundingClientRect();
                    arguments[1].dispatchEvent(new WheelEvent('wheel', {deltaY: -100, clientX: r.left + r.width / 2,
                        clientY: r.top + r.height / 2, bubbles: true, cancelable: true}));""", part, svg)
                xy = point_inside(part)
            fails.check(xy is not None, f"{label}: a point of the part can be clicked")
            if xy is None:
                continue
            for _ in range(len(labels)):  # parts under one another: each click selects the next one down
                click_at(xy)
                if driver.execute_script("return arguments[0].classList.contains('sel')", part):
                    break
                xy = centre_map()  # the row scrolled into view moved the map
            state = driver.execute_script("""
                var label = arguments[0], r = null;
                document.querySelectorAll('tr[data-part]').forEach(function (t) {
                    if (!r && t.getAttribute('data-part') === label) r = t; });
                if (!r) return null;
                var b = r.getBoundingClientRect();
                return {sel: r.classList.contains('sel'), top: b.top, bottom: b.bottom, h: window.innerHeight,
                        text: r.textContent, others: document.querySelectorAll('tr.sel').length,
                        part: arguments[1].classList.contains('sel')};""", label, part)
            fails.check(state is not None and state["sel"] and state["part"], f"{label}: clicked on the map, its row and the part are selected ({state})")
            fails.check(state is not None and 0 <= state["top"] and state["bottom"] <= state["h"], f"{label}: its row is scrolled into view")
            fails.check(state is not None and label in state["text"], f"{label}: the row is the part's")
        # ---- click a row: the part highlighted
        if labels:
            label = labels[-1]
            row = [r for r in driver.find_elements(By.CSS_SELECTOR, "tr[data-part]") if r.get_attribute("data-part") == label][0]
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
            row.click()
            sel = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#map path.sel'),"
                                        " function (p) { return p.getAttribute('data-part'); })")
            fails.check(sel == [label], f"clicking the row of {label} highlights the part ({sel})")

        # ---- zoom and pan change the view
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", svg)
        before = [float(v) for v in view(svg)]
        driver.find_element(By.CSS_SELECTOR, 'button[data-zoom="reset"]').click()
        init = [float(v) for v in view(svg)]
        driver.find_element(By.CSS_SELECTOR, 'button[data-zoom="in"]').click()
        zoomed = [float(v) for v in view(svg)]
        fails.check(abs(zoomed[2] - init[2] / 1.5) < 1e-6 * init[2], f"zoom in: the view {init[2]:.0f} m wide becomes {zoomed[2]:.0f} m")
        r = driver.execute_script("var b = arguments[0].getBoundingClientRect();"
                                  " return {x: b.left, y: b.top, width: b.width, height: b.height}", svg)
        ab = ActionBuilder(driver)
        ab.pointer_action.move_to_location(int(r["x"] + r["width"] * 0.5), int(r["y"] + r["height"] * 0.5))
        ab.pointer_action.pointer_down()
        ab.pointer_action.move_to_location(int(r["x"] + r["width"] * 0.5 + 120), int(r["y"] + r["height"] * 0.5 + 40))
        ab.pointer_action.pointer_up()
        ab.perform()
        panned = [float(v) for v in view(svg)]
        fails.check(panned[0] < zoomed[0] and panned[1] < zoomed[1] and panned[2] == zoomed[2], f"drag pans the view ({zoomed} -> {panned})")
        # A row's part outside the view: clicking the row brings the part into it.
        def part_in_view(label):
            return driver.execute_script("""
                var label = arguments[0], p = null;
                document.querySelectorAll('#map path[data-part]').forEach(function (e) {
                    if (e.getAttribute('data-part') === label) p = e; });
                var b = p.getBBox(), v = document.getElementById('map').getAttribute('viewBox').split(' ').map(Number);
                return b.x >= v[0] && b.y >= v[1] && b.x + b.width <= v[0] + v[2] && b.y + b.height <= v[1] + v[3];""", label)

        def drag_by(dx, dy):
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", svg)
            b = driver.execute_script("var b = arguments[0].getBoundingClientRect();"
                                      " return {x: b.left, y: b.top, width: b.width, height: b.height}", svg)
            x0, y0 = int(b["x"] + b["width"] / 2 - dx / 2), int(b["y"] + b["height"] / 2 - dy / 2)
            ab = ActionBuilder(driver)
            ab.pointer_action.move_to_location(x0, y0)
            ab.pointer_action.pointer_down()
            ab.pointer_action.move_to_location(x0 + int(dx), y0 + int(dy))
            ab.pointer_action.pointer_up()
            ab.perform()

        for _ in range(4):
            driver.find_element(By.CSS_SELECTOR, 'button[data-zoom="in"]').click()
        if labels:
            for _ in range(4):  # pan the part out of the view
                if not part_in_view(labels[0]):
                    break
                drag_by(r["width"] * 0.8, 0)
            fails.check(not part_in_view(labels[0]), f"{labels[0]} is out of the zoomed view before its row is clicked")
            away = [float(v) for v in view(svg)]
            row = [r for r in driver.find_elements(By.CSS_SELECTOR, "tr[data-part]") if r.get_attribute("data-part") == labels[0]][0]
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
            row.click()
            moved = [float(v) for v in view(svg)]
            fails.check(part_in_view(labels[0]), f"clicking the row of {labels[0]} brings its part into the zoomed view ({away} -> {moved})")
            fails.check(abs(moved[2] - away[2]) < 1e-6 * away[2], f"at the same zoom ({away[2]:.1f} -> {moved[2]:.1f} m wide)")
        # ---- the PDF's labels: the names of the features hit and the ids, their size kept on zoom
        names = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#labels text'),"
                                      " function (t) { return t.textContent; })")
        for want in ("R09", "六棱山水土保持生态保护红线", "吉家庄水源地", "吉家庄乡优先保护单元"):
            fails.check(want in names, f"the map labels {want} as the PDF's map page does ({names})")

        def label_box(text):
            return driver.execute_script("""
                var want = arguments[0], t = null;
                document.querySelectorAll('#labels text').forEach(function (e) { if (e.textContent === want) t = e; });
                if (!t) return null;
                var b = t.getBoundingClientRect();
                return [b.width, b.height];""", text)
        driver.find_element(By.CSS_SELECTOR, 'button[data-zoom="reset"]').click()
        first = label_box("R09")
        driver.find_element(By.CSS_SELECTOR, 'button[data-zoom="in"]').click()
        driver.find_element(By.CSS_SELECTOR, 'button[data-zoom="in"]').click()
        zoomed_box = label_box("R09")
        fails.check(first is not None and zoomed_box is not None and first[1] > 4
                    and abs(zoomed_box[1] - first[1]) < 0.05 * first[1],
                    f"a label keeps its size on the screen when zoomed in ({first} -> {zoomed_box} px)")
        scale_text = driver.execute_script("return document.querySelector('#scalebar text').textContent")
        fails.check(re.fullmatch(r"\d+(\.\d+)? (米|千米)", scale_text or "") is not None, f"the scale bar in the page's language ({scale_text!r})")
        grid = driver.execute_script("return document.querySelectorAll('#grid line').length")
        fails.check(grid >= 2, f"the kilometre grid is drawn ({grid} lines)")
        del before
        driver.find_element(By.CSS_SELECTOR, 'button[data-zoom="reset"]').click()

        # ---- the 审查意见 is editable (when the document has one)
        boxes = driver.find_elements(By.CSS_SELECTOR, ".opinion-text[contenteditable=true]")
        if boxes:
            box = boxes[0]
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
            box.send_keys("（经办人补充）")
            fails.check("（经办人补充）" in box.text, "the 审查意见 takes an edit")
        else:
            log("note: no 审查意见 in this document")
        errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        fails.check(not errors, f"no console error after the clicks, the zoom, the drag and the edit ({errors[:3]})")

        # ---- the text: project, verdict, every class row's hectares
        text = driver.find_element(By.TAG_NAME, "body").text
        fails.check("吉家庄南山风电场" in text, "the project's name is in the page")
        worst = screen["verdict"]
        verdict_zh = {"prohibited": "禁止", "restricted": "限制", "caution": "注意", "allowed": "允许"}.get(worst, worst)
        fails.check(driver.find_element(By.CSS_SELECTOR, ".banner .verdict").text == verdict_zh,
                    f"the banner says the JSON's verdict {worst} ({verdict_zh})")
        rows = 0
        missing_ha = []
        for f in screen["footprints"]:
            for c in f.get("conflicts", []):
                # Hectares are given for areal footprints (a corridor or a disc is measured along its line or point).
                if c.get("kind") == "admin" or c.get("near") or "Polygon" not in f.get("geometry_type", ""):
                    continue
                for k in [c] + c.get("classes", []):
                    ae = k.get("area_ellipsoidal_m2")
                    if ae is None or k.get("near"):
                        continue
                    rows += 1
                    if hectares(ae) not in text:
                        missing_ha.append((f["id"], k.get("title") or k.get("layer"), hectares(ae)))
        fails.check(rows > 0 and not missing_ha, f"every layer and class row's 公顷 of the JSON is in the page ({rows} rows; missing {missing_ha[:5]})")
        driver.set_window_size(1400, 1000)
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1400, min(int(full) + 50, 16000))
        driver.save_screenshot(str(base / "page.png"))
        driver.quit()
        driver = None

        # ---- print: A4 pages, the map page landscape
        pdf = base / "printed.pdf"
        if pdf.exists():
            pdf.unlink()
        subprocess.run([chrome, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={work / 'print'}",
                        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                       capture_output=True, text=True, timeout=180)
        fails.check(pdf.exists(), "chromium --print-to-pdf wrote the PDF")
        if pdf.exists():
            info = run(["pdfinfo", "-f", "1", "-l", "9999", pdf])
            pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
            sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
            a4 = [(float(w), float(h)) for w, h in sizes]
            portrait = sum(1 for w, h in a4 if abs(w - 595.3) < 2 and abs(h - 841.9) < 2)
            landscape = sum(1 for w, h in a4 if abs(w - 841.9) < 2 and abs(h - 595.3) < 2)
            fails.check(pages >= 8, f"the printed page has {pages} pages (at least 8)")
            fails.check(portrait + landscape == pages and landscape == 1, f"all pages A4: {portrait} portrait, {landscape} landscape (the map)")
            txt = run(["pdftotext", "-layout", pdf, "-"])
            fails.check("第 1 页 共" in txt and "吉家庄南山风电场" in txt, "the printed pages carry the footer (第 N 页 共 M 页)")
    finally:
        if driver is not None:
            driver.quit()
        shutil.rmtree(work, ignore_errors=True)
    log(f"report, screenshots and printed PDF in {base}")
    if fails.items:
        log(f"{len(fails.items)} check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
