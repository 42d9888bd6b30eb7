#!/usr/bin/env python3
"""Test helper: load pages in headless Chromium, wait for each to be ready, read a value from
it and write a screenshot. Used by cli/tests/browser.rs; drives Chromium with the matrix's own
DevTools code (client-matrix/probes/browser_chromium.py), in a throwaway profile trusting only the
given CA.

    look.py PROBES_DIR SPEC.json

SPEC: {"ca_file": ..., "hosts": [{"host", "address", "port"}], "pages": [{"name", "url",
"until": JS expression, "eval": JS expression (a string), "png": path}]}. Prints
{"name": value, ...} as JSON.
"""

import base64
import json
import shutil
import sys
import tempfile
import time


def evaluate(cdp, session, expression):
    answer = cdp.call(
        "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session
    )
    if "exceptionDetails" in answer:
        raise RuntimeError(f"{expression}: {answer['exceptionDetails'].get('text')}")
    return answer.get("result", {}).get("value")


def main():
    sys.path.insert(0, sys.argv[1])
    import browser_chromium
    import browser_probe

    with open(sys.argv[2]) as f:
        spec = json.load(f)
    binary = browser_probe.find_browser("chromium")
    workdir = tempfile.mkdtemp(prefix="badtls-look-")
    cdp = browser_chromium.start(binary, workdir, spec["ca_file"], spec["hosts"])
    out = {}
    try:
        for page in spec["pages"]:
            target, session = cdp.open_tab()
            cdp.call(
                "Emulation.setDeviceMetricsOverride",
                {"width": 1366, "height": 860, "deviceScaleFactor": 1, "mobile": False},
                session,
            )
            nav = cdp.call("Page.navigate", {"url": page["url"]}, session)
            if nav.get("errorText"):
                raise SystemExit(f"{page['url']}: {nav['errorText']}")
            deadline = time.monotonic() + 180
            # The page may still be on its way (no body yet): not ready, rather than an error.
            ready = f"(() => {{ try {{ return !!({page['until']}); }} catch (e) {{ return false; }} }})()"
            while not evaluate(cdp, session, ready):
                if time.monotonic() > deadline:
                    raise SystemExit(f"{page['name']}: not ready after 180 s ({page['until']})")
                time.sleep(0.25)
            out[page["name"]] = evaluate(cdp, session, page["eval"])
            shot = cdp.call("Page.captureScreenshot", {"format": "png"}, session)
            with open(page["png"], "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            cdp.close_tab(target, session)
    finally:
        cdp.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
