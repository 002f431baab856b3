// The widget's frame: a document of its own origin that JediDesk's script runs in, so the
// script holds none of the app's powers. It talks to the app's page only through the messages
// of frameProtocol.ts: the page says which widget to load and hands on Go's commands; the
// frame reports the mount, failures, the chat socket and deliveries, and asks for links to open.
import { WidgetBridge } from "./bridge";
import { focusChat, focusChatWhenShown } from "./chatFocus";
import { answerEarly } from "./earlyAnswers";
import { acceptDrops, attachWithInput } from "../shared/fileDrop";
import { type DroppedFile, type FromFrame, parseToFrame } from "../shared/frameProtocol";
import { installGuard } from "../shared/guard";
import { restore, watch } from "./storageSync";
import { apiBase, watchSettingsRequest } from "./tokenWatch";

const MOUNT_TIMEOUT_MS = 20_000;
const STORAGE_POLL_MS = 2_000;

// The page that framed us; frame-ancestors lets only the app's page do so.
const pageOrigin = window.location.ancestorOrigins?.[0] ?? window.location.origin;
const toPage = (message: FromFrame): Promise<void> => {
  window.parent.postMessage(message, pageOrigin);
  return Promise.resolve();
};

// Before the widget loads, so it never sees the browser's own window.open.
installGuard(window, {
  openExternal: (url) => toPage({ jd: "open", url }),
  reportViolation: (directive, blocked) => toPage({ jd: "violation", directive, blocked }),
});
// A file dropped on the chat goes to the widget's attachment input: from the drop itself where
// the webview hands the page the file, else from the app (an "attach" message).
const attach = attachWithInput(document);
let appDrops = false;
acceptDrops(window, (files) => !appDrops && attach(files));

const bridge = new WidgetBridge(
  window,
  {
    widgetMounted: () => toPage({ jd: "mounted" }),
    widgetFailed: (reason) => toPage({ jd: "failed", reason }),
    chatSocket: (state) => toPage({ jd: "socket", state }),
    deliveryReport: (request, outcome, reason) => toPage({ jd: "delivery", request, outcome, reason }),
  },
  { mountTimeoutMs: MOUNT_TIMEOUT_MS },
);

// The page cannot see the focus move within this frame: it asks the document again.
for (const change of ["focus", "blur"]) window.addEventListener(change, () => void toPage({ jd: "focus" }));
// F6 goes back and forth between the app's bar and the chat (docs/accessibility.md).
window.addEventListener(
  "keydown",
  (e) => {
    if (e.key !== "F6") return;
    e.preventDefault();
    void toPage({ jd: "leave" });
  },
  true,
);
// How long the widget may take to draw its panel after openWidget.
const PANEL_WAIT_MS = 1_000;

let installed = false;
window.addEventListener("message", (e) => {
  // Only the page, and only what a browser delivered (not an event made up in this frame).
  if (!e.isTrusted || e.source !== window.parent || e.origin !== pageOrigin) return;
  const message = parseToFrame(e.data);
  if (!message) return;
  if (message.jd === "focus") return void focusChat(document);
  if (message.jd === "command") {
    bridge.deliver(message.command);
    // Opened by the app (menu, tray, shortcut): the keyboard goes to the chat's input.
    if (message.command.command === "openWidget") focusChatWhenShown(document, PANEL_WAIT_MS);
    return;
  }
  if (message.jd === "attach") return void attach(dropped(message.files));
  if (installed) return;
  installed = true;
  appDrops = message.appDrops;
  // The widget's visitor id and the rest, before its script reads them.
  restore(window.localStorage, message.storage);
  watch(window, window.localStorage, (items) => void toPage({ jd: "storage", items }), STORAGE_POLL_MS);
  // Before the token check wraps the same functions, so that it reads the app's answer as the
  // answer to the widget's own request.
  answerEarly(window, message.early);
  // The service's answer to the widget's own settings request says whether it knows the token
  // (without a token there is nothing for it to know).
  const api = apiBase(message.config.widgetURL, document.baseURI);
  if (api && !message.config.demo && message.config.token) watchSettingsRequest(window, api, (verdict) => void toPage({ jd: "token", verdict }));
  bridge.install(message.config);
});

// The files the app read, as the file dialog would give them.
function dropped(files: DroppedFile[]): FileList {
  const list = new DataTransfer();
  for (const f of files) {
    const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
    list.items.add(new File([bytes], f.name, { type: f.type }));
  }
  return list.files;
}

void toPage({ jd: "ready" });
