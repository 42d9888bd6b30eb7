// Run once by browser_firefox.py in Firefox's own (chrome) context, over Marionette: it opens
// arguments[0] tabs and installs `badtls` on the browser window, which loads queued targets in
// them, several at once, and reports when each target's page or error page is shown, or its
// deadline passed. A tab is held until the probe has read its page and releases it; then it
// takes the next target. So the probe makes one Marionette call per round of news, not one per
// load and per tab: Marionette answers one command at a time, and polling tabs over it cost
// more than the loads themselves. Returns the tabs' WebDriver handles.
const { NavigableManager } = ChromeUtils.importESModule(
  "chrome://remote/content/shared/NavigableManager.sys.mjs"
);
const win = Services.wm.getMostRecentWindow("navigator:browser");
const principal = Services.scriptSecurityManager.getSystemPrincipal();
const F = Ci.nsIWebProgressListener;

// handle -> {browser, target: [id, url, limit_ms] or null, held, timer}
const tabs = new Map();
for (let i = 0; i < arguments[0]; i++) {
  const tab = win.gBrowser.addTab("about:blank", { triggeringPrincipal: principal });
  const browser = tab.linkedBrowser;
  tabs.set(NavigableManager.getIdForBrowser(browser), {
    browser,
    target: null,
    held: false,
    timer: null,
  });
}

const queue = [];
// ["shown" | "deadline", target id, handle], in the order they happened.
let news = [];
let wake = null;

function tell(kind, id, handle) {
  news.push([kind, id, handle]);
  if (wake) {
    wake();
  }
}

// Whether `address` is `url`'s page, or an error page for it (about:certerror?...&u=<url>).
function shows(address, url) {
  if (!address) {
    return false;
  }
  try {
    if (address.startsWith("about:")) {
      address = new URLSearchParams(address.split("?")[1] || "").get("u") || "";
    }
    return new URL(address).href === new URL(url).href;
  } catch (e) {
    return false;
  }
}

function next(handle, tab) {
  if (tab.target || !queue.length) {
    return;
  }
  tab.target = queue.shift();
  tab.held = false;
  const [id, url, limit] = tab.target;
  tab.timer = win.setTimeout(() => tell("deadline", id, handle), limit);
  tab.browser.loadURI(Services.io.newURI(url), { triggeringPrincipal: principal });
}

function heard(browser, address) {
  const handle = NavigableManager.getIdForBrowser(browser);
  const tab = tabs.get(handle);
  if (tab && tab.target && !tab.held && shows(address, tab.target[1])) {
    tab.held = true;
    tell("shown", tab.target[0], handle);
  }
}

win.gBrowser.addTabsProgressListener({
  onStateChange(browser, progress, request, flags) {
    if (progress.isTopLevel && flags & F.STATE_STOP && flags & F.STATE_IS_NETWORK) {
      heard(browser, browser.documentURI ? browser.documentURI.spec : null);
    }
  },
  // An error page ends no load of its own that this listener hears of.
  onLocationChange(browser, progress, request, location, flags) {
    if (progress.isTopLevel && flags & F.LOCATION_CHANGE_ERROR_PAGE) {
      heard(browser, location.spec);
    }
  },
});

win.badtls = {
  // Queue targets, [id, url, limit_ms] each, and start them in the free tabs.
  add(targets) {
    queue.push(...targets);
    for (const [handle, tab] of tabs) {
      next(handle, tab);
    }
  },
  // Free these tabs (a load still going is abandoned) and start the next targets in them; then
  // hand `resolve` the news since the last call, as soon as there is some, or none after `ms`.
  wait(release, ms, resolve) {
    for (const handle of release) {
      const tab = tabs.get(handle);
      win.clearTimeout(tab.timer);
      tab.browser.stop();
      tab.target = null;
      next(handle, tab);
    }
    let timer = null;
    const give = () => {
      wake = null;
      if (timer !== null) {
        win.clearTimeout(timer);
      }
      resolve(news.splice(0));
    };
    if (news.length) {
      give();
      return;
    }
    wake = give;
    timer = win.setTimeout(give, ms);
  },
};
return Array.from(tabs.keys());
