// The page's DOM layer: it reflects the state Go owns and turns clicks into bound-method calls.
import "./style.css";
import {
  type Command,
  type FileDrop,
  chatAPI,
  frameBackend,
  GoEvents,
  onGoEvent,
  type PageInfo,
  preferencesAPI,
  type Profile,
  type ProxySignInRequest,
  type SaveResult,
  type Notice,
  type Settings,
  type ShortcutStatus,
  type WidgetState,
} from "./backend";
import { ProfileEditor } from "./editor";
import { acceptDrops } from "../shared/fileDrop";
import { FocusWatch } from "./focusWatch";
import { FrameBridge, frameURLIn } from "./frameBridge";
import { installGuard } from "../shared/guard";
import { gateCalls } from "./ipcKey";
import { applyCatalogue, type Catalogue, t } from "./i18n";
import { summarize } from "./profileForm";
import { ProxySignIn } from "./proxySignIn";
import type { Failure } from "../shared/frameProtocol";
import { Retry } from "./retry";
import { SettingsForm } from "./settingsForm";
import { applyLocks } from "./settingsPanel";
import { describeDelivery, describeState, localTime } from "./status";
import { startTestProbe } from "./testProbe";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// First of all: every call into Go carries the key only this page can read (app/ipcgate).
gateCalls(window);
const chat = chatAPI();
const preferences = preferencesAPI();
const focus = new FocusWatch(document, (focused) => chat.PageFocus(focused));
let catalogue: Catalogue = {};
let info: PageInfo;
let state: WidgetState;
let frame: FrameBridge | undefined;
let retryIn = 0;
const tr = (key: string, args?: Record<string, string | number>) => t(catalogue, key, args);

type View = "overview" | "editor" | "settings" | "proxy";

// The proxy wants a sign-in: reloading without one changes nothing, so the window waits for the user.
const PROXY_REFUSED: Failure = "proxy-refused";

function show(view: View): void {
  byId("overview").hidden = view !== "overview";
  byId("editor").hidden = view !== "editor";
  byId("settings").hidden = view !== "settings";
  byId("proxy-signin").hidden = view !== "proxy";
  if (view !== "overview") byId("welcome").hidden = true;
  // Where the chat takes the whole window, the editor and the settings take it for a while.
  frame?.stepAside(view !== "overview");
}

const editor = new ProfileEditor(preferences, () => catalogue, () => show("overview"));
const settingsForm = new SettingsForm(preferences, {
  info: () => info,
  catalogue: () => catalogue,
  show: () => show("settings"),
  close: () => show("overview"),
  status: (text) => (byId("status").textContent = text),
});
const retry = new Retry(window.sessionStorage, () => window.location.reload());
const proxySignIn = new ProxySignIn(preferences, {
  catalogue: () => catalogue,
  show: () => show("proxy"),
  close: () => show("overview"),
  signedIn: () => window.location.reload(),
});

function renderState(next: WidgetState): void {
  const failedNow = next.phase === "failed" && state?.phase !== "failed";
  state = next;
  const proxyRefused = state.phase === "failed" && state.error === PROXY_REFUSED;
  if (failedNow && !proxyRefused) retryIn = retry.schedule();
  if (state.phase === "ready") retry.succeeded();
  const managed = info?.widget.managed ?? false;
  const { text, tone } = describeState(state, catalogue, managed);
  const status = byId("status");
  const then = retry.waitingForNetwork ? tr("status.waitingForNetwork") : tr("status.retrying", { seconds: retryIn });
  status.textContent = state.phase === "failed" && !proxyRefused ? `${text} ${then}` : text;
  status.dataset.tone = tone;
  byId<HTMLButtonElement>("open-chat").disabled = state.phase === "ready" && state.chatOpen;
  byId<HTMLButtonElement>("close-chat").disabled = state.phase === "ready" && !state.chatOpen;
  byId("retry").hidden = state.phase !== "failed";
  // The widget stopped reconnecting: a new page loads it afresh, with Go's queue intact.
  byId("reload-chat").hidden = !(state.phase === "ready" && state.link === "gave-up");
  // The user can fix only a token of their own.
  byId("token-settings").hidden = state.token !== "unrecognised" || managed;
  renderDelivery();
  // A widget that is not there shows nothing; otherwise the frame follows the widget's own events.
  if (state.phase !== "ready") frame?.setOpen(false);
}

function renderProfile(p: Profile): void {
  info.profile = p;
  byId("summary").textContent = summarize(p, tr("overview.noDetails"));
}

function renderDelivery(): void {
  // A state event can come before PageReady has answered.
  if (!info) return;
  const delivery = byId("delivery");
  delivery.textContent = describeDelivery(state.delivery, state.link, info.widget.demo, catalogue, localTime(info.language.code));
  delivery.dataset.status = state.delivery?.status ?? "";
}

function renderTexts(): void {
  document.documentElement.lang = info.language.code;
  applyCatalogue(document, catalogue);
  // What a screen reader says of the chat's frame (the frame is made before the texts are in).
  if (frame) frame.frame.title = tr("chat.frameTitle");
  byId("source").textContent = info.widget.demo ? tr("overview.demo") : tr("overview.source", { url: info.widget.widgetURL });
  renderNotices(info.notices ?? []);
  renderUpdate(info.updated);
  renderShortcutStatus(info.shortcut);
  settingsForm.renderSwitches();
  byId("files").replaceChildren(
    ...Object.entries(info.files).flatMap(([name, path]) => {
      const dt = document.createElement("dt");
      dt.textContent = tr(`files.${name}`);
      const dd = document.createElement("dd");
      dd.textContent = path;
      return [dt, dd];
    }),
  );
  renderProfile(info.profile);
  renderState(state);
  applyLocks(document, info.locked ?? [], tr("settings.locked"));
  editor.render();
}

function renderNotices(notices: Notice[]): void {
  info.notices = notices;
  byId("notices").replaceChildren(
    ...notices.map((n) => {
      const p = document.createElement("p");
      p.textContent = tr(n.key, n.args ?? undefined);
      return p;
    }),
  );
}

/** A newer version waits for a restart (null: none): what Go says, with the Restart button. */
function renderUpdate(update: Notice | null): void {
  if (!info) return;
  info.updated = update;
  byId("update").hidden = update === null;
  byId("update-text").textContent = update === null ? "" : tr(update.key, update.args ?? undefined);
}

function renderShortcutStatus(status: ShortcutStatus): void {
  info.shortcut = status;
  settingsForm.renderShortcutStatus(status);
}

function openEditor(): void {
  show("editor");
  editor.open(info.profile);
}

function wireControls(): void {
  byId("open-chat").addEventListener("click", () => void chat.OpenWidget());
  byId("close-chat").addEventListener("click", () => void chat.CloseWidget());
  byId("send-details").addEventListener("click", () => void chat.SendCustomerData());
  byId("edit-profile").addEventListener("click", openEditor);
  byId("edit-settings").addEventListener("click", () => settingsForm.open());
  byId("welcome-fill").addEventListener("click", openEditor);
  byId("welcome-later").addEventListener("click", () => (byId("welcome").hidden = true));
  byId("retry").addEventListener("click", () => {
    if (state.error === PROXY_REFUSED && proxySignIn.host) proxySignIn.ask({ host: proxySignIn.host, refused: false });
    else retry.now();
  });
  byId("reload-chat").addEventListener("click", () => window.location.reload());
  byId("token-settings").addEventListener("click", () => settingsForm.open());
  byId("restart").addEventListener("click", () => void chat.Restart());
  // After the event: while the focus moves into the chat's frame the page's window blurs.
  for (const change of ["focus", "blur"]) window.addEventListener(change, () => setTimeout(() => focus.check()));
  document.addEventListener("keydown", (e) => {
    // F6 goes back and forth between the app's bar and the chat (docs/accessibility.md).
    if (e.key === "F6" && frame) {
      e.preventDefault();
      frame.focusChat();
      return;
    }
    if (e.key === "Escape" && !byId("proxy-signin").hidden) {
      e.preventDefault();
      byId("cancel-proxy-signin").click();
      return;
    }
    if (e.key === "Escape" && (!byId("editor").hidden || !byId("settings").hidden)) {
      e.preventDefault();
      show("overview");
      byId("edit-profile").focus();
    }
  });
}

/** Frames the widget's document at frameURL, below the app's bar. */
function frameWidget(frameURL: URL): FrameBridge {
  const bar = document.querySelector<HTMLElement>(".bar");
  const toGo = frameBackend(chat);
  const widgetFrame = new FrameBridge(window, {
    ...toGo,
    // The widget has no live region of its own: an agent's reply to a user in front of the
    // window is said by the app's.
    widgetEvent: (name, text) => {
      if (name === "JediDeskManagerSendMessage" && document.hasFocus() && text) byId("announce").textContent = tr("chat.replyAnnounced", { text });
      return toGo.widgetEvent(name, text);
    },
  }, {
    frameURL: frameURL.href,
    frameOrigin: `${frameURL.protocol}//${frameURL.host}`,
    top: () => bar?.getBoundingClientRect().height ?? 0,
    onFocus: () => focus.check(),
    onLeave: () => firstBarControl()?.focus(),
    onLayout: (layout, aside) => {
      document.body.dataset.chat = aside ? "aside" : layout.mode;
      document.body.style.setProperty("--chat-reserve", `${aside ? 0 : layout.reserve}px`);
    },
  });
  // The bar wraps onto more lines in a narrower window (or another language): the frame stays below it.
  if (bar) new ResizeObserver(() => widgetFrame.layout()).observe(bar);
  return widgetFrame;
}

/** The first control of the app's bar a keyboard can use. */
function firstBarControl(): HTMLElement | null {
  return document.querySelector<HTMLElement>(".bar button:not(:disabled), .bar a[href]");
}

async function start(): Promise<void> {
  // The widget's download and start are the longest part of start-up: its frame loads while
  // the page wires itself and asks Go for the rest (it waits for the install).
  const at = frameURLIn(document);
  if (at) frame = frameWidget(at);
  // The page's own links and policy violations (the widget's go through its frame).
  installGuard(window, {
    openExternal: (url) => chat.OpenExternal(url),
    reportViolation: (directive, blocked) => chat.ReportViolation(directive, blocked),
  });
  // A file dropped beside the chat must not open in place of the app (the chat's frame takes
  // its own drops).
  acceptDrops(window, () => false);
  wireControls();
  // Subscribe before telling Go the page is here: Go drops events nobody listens to.
  const pending: Command[] = [];
  // Go's commands follow the install.
  let installed: FrameBridge | undefined;
  onGoEvent<Command>(GoEvents.widgetCommand, (command) => (installed ? installed.deliver(command) : pending.push(command)));
  onGoEvent<WidgetState>(GoEvents.widgetState, renderState);
  onGoEvent(GoEvents.editProfile, openEditor);
  onGoEvent(GoEvents.editSettings, () => settingsForm.open());
  // Go owns the profile: whoever saved it, the page shows what was saved.
  onGoEvent<SaveResult>(GoEvents.profileSaved, (result) => renderProfile(result.profile));
  onGoEvent<Notice[]>(GoEvents.notices, renderNotices);
  onGoEvent<Notice>(GoEvents.updated, renderUpdate);
  onGoEvent<ProxySignInRequest>(GoEvents.proxySignIn, (request) => proxySignIn.ask(request));
  onGoEvent<{ online: boolean }>(GoEvents.network, ({ online }) => {
    retry.network(online, state?.phase === "failed");
    if (state) renderState(state);
  });
  onGoEvent<ShortcutStatus>(GoEvents.shortcut, renderShortcutStatus);
  onGoEvent<FileDrop>(GoEvents.fileDrop, (drop) => frame?.attachDropped(drop.x, drop.y, drop.files));
  onGoEvent<Settings>(GoEvents.settings, (settings) => {
    if (!info) return;
    info.settings = settings;
    settingsForm.renderSwitches();
  });
  onGoEvent<PageInfo["language"]>(GoEvents.language, (language) => {
    info.language = language;
    catalogue = language.strings;
    renderTexts();
  });
  // Asked beside PageReady: on a slow line the app's own requests may still be on their way,
  // and the page draws itself meanwhile.
  const early = chat.EarlyAnswers().catch(() => null);
  info = await chat.PageReady();
  if (info.testProbe) startTestProbe(window, info.testProbe, preferences, () => focus.confirmed);
  const widgetFrame = (frame ??= frameWidget(new URL(info.widget.frameURL)));
  void early.then((answers) => {
    widgetFrame.install(info.widget, info.widgetStorage ?? {}, info.appFileDrops, answers ?? []);
    installed = widgetFrame;
    for (const command of pending.splice(0)) widgetFrame.deliver(command);
  });
  catalogue = info.language.strings;
  state = info.state;
  renderTexts();
  byId("welcome").hidden = !info.firstRun;
  if (info.highContrast) document.documentElement.dataset.contrast = "more";
  if (info.icon) {
    const icon = Object.assign(document.createElement("img"), { className: "logo", src: info.icon, alt: "" });
    document.querySelector(".brand .logo")?.replaceWith(icon);
  }
  focus.check();
}

void start();
