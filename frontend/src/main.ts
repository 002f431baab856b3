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
  setClipboard,
  type Profile,
  type SaveResult,
  type Notice,
  type Settings,
  type ShortcutStatus,
  type WidgetState,
} from "./backend";
import { ProfileEditor } from "./editor";
import { acceptDrops } from "./fileDrop";
import { FrameBridge, frameURLIn } from "./frameBridge";
import { installGuard } from "./guard";
import { gateCalls } from "./ipcKey";
import { applyCatalogue, type Catalogue, fieldErrorText, t } from "./i18n";
import { summarize } from "./profileForm";
import { Retry } from "./retry";
import { applyLocks, isLocked } from "./settingsPanel";
import { comboFromKeyPress } from "./shortcut";
import { copyCommand, describeShortcut } from "./shortcutStatus";
import { describeDelivery, describeState, localTime } from "./status";
import { startTestProbe } from "./testProbe";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// First of all: every call into Go carries the key only this page can read (app/ipcgate).
gateCalls(window);
const chat = chatAPI();
const preferences = preferencesAPI();
let catalogue: Catalogue = {};
let info: PageInfo;
let state: WidgetState;
let frame: FrameBridge | undefined;
let retryIn = 0;
const tr = (key: string, args?: Record<string, string | number>) => t(catalogue, key, args);

type View = "overview" | "editor" | "settings";

function show(view: View): void {
  byId("overview").hidden = view !== "overview";
  byId("editor").hidden = view !== "editor";
  byId("settings").hidden = view !== "settings";
  if (view !== "overview") byId("welcome").hidden = true;
  // Where the chat takes the whole window, the editor and the settings take it for a while.
  frame?.stepAside(view !== "overview");
}

const editor = new ProfileEditor(preferences, () => catalogue, () => show("overview"));
const retry = new Retry(window.sessionStorage, () => window.location.reload());

function renderState(next: WidgetState): void {
  const failedNow = next.phase === "failed" && state?.phase !== "failed";
  state = next;
  if (failedNow) retryIn = retry.schedule();
  if (state.phase === "ready") retry.succeeded();
  const managed = info?.widget.managed ?? false;
  const { text, tone } = describeState(state, catalogue, managed);
  const status = byId("status");
  status.textContent = state.phase === "failed" ? `${text} ${tr("status.retrying", { seconds: retryIn })}` : text;
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
  byId("source").textContent = info.widget.demo ? tr("overview.demo") : tr("overview.source", { url: info.widget.widgetURL });
  renderNotices(info.notices ?? []);
  renderShortcutStatus(info.shortcut);
  renderViewSettings();
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

function renderShortcutStatus(status: ShortcutStatus): void {
  info.shortcut = status;
  const view = describeShortcut(status, catalogue);
  byId("s-shortcut-status").textContent = view.text;
  byId("s-shortcut-command-row").hidden = view.command === null;
  byId("s-shortcut-command").textContent = view.command ?? "";
  byId("s-shortcut-copied").textContent = "";
}

function openEditor(): void {
  show("editor");
  editor.open(info.profile);
}

function openSettings(): void {
  const form = byId<HTMLFormElement>("settings-form");
  (form.elements.namedItem("token") as HTMLInputElement).value = info.settings.token ?? "";
  (form.elements.namedItem("widget_url") as HTMLInputElement).value = info.settings.widget_url ?? "";
  byId<HTMLInputElement>("s-keep-in-tray").checked = !info.settings.quit_on_close;
  byId<HTMLInputElement>("s-notifications").checked = !info.settings.notifications_off;
  renderViewSettings();
  byId("e-view").textContent = "";
  // Empty means the default, which the placeholder shows.
  (form.elements.namedItem("shortcut") as HTMLInputElement).value = info.settings.shortcut ?? "";
  showSettingsErrors({});
  const autostart = byId<HTMLInputElement>("s-autostart");
  byId("e-autostart").textContent = "";
  preferences.StartAtLogin().then(
    (on) => (autostart.checked = on),
    (error) => (byId("e-autostart").textContent = String(error)),
  );
  show("settings");
  byId("s-token").focus();
}

// The switches that take effect at once, and the zoom the View menu sets: they follow the
// saved settings, whoever changed them.
function renderViewSettings(): void {
  byId<HTMLInputElement>("s-keep-on-top").checked = !!info.settings.always_on_top;
  byId<HTMLInputElement>("s-sounds").checked = !info.settings.sounds_off;
  byId("s-zoom").textContent = tr("settings.zoom", { percent: info.settings.zoom || 100 });
}

function showSettingsErrors(errors: Record<string, string>): void {
  for (const field of ["token", "widget_url", "shortcut"]) {
    byId(`e-${field}`).textContent = errors[field] ?? "";
    byId(`s-${field}`).setAttribute("aria-invalid", errors[field] ? "true" : "false");
  }
  byId("e-settings-form").textContent = errors.form ?? "";
}

// Long enough to read who the token belongs to before the chat reloads.
const RECOGNISED_PAUSE_MS = 1500;

async function saveSettings(keepUnrecognised = false): Promise<void> {
  const form = byId<HTMLFormElement>("settings-form");
  const settings: Settings = {
    token: (form.elements.namedItem("token") as HTMLInputElement).value,
    widget_url: (form.elements.namedItem("widget_url") as HTMLInputElement).value,
    shortcut: (form.elements.namedItem("shortcut") as HTMLInputElement).value,
    quit_on_close: !byId<HTMLInputElement>("s-keep-in-tray").checked,
    notifications_off: !byId<HTMLInputElement>("s-notifications").checked,
  };
  const progress = byId("settings-progress");
  // A new token is checked with the chat service first: the user sees that it is happening.
  progress.textContent = tr("settings.checking");
  byId("keep-token").hidden = true;
  try {
    const result = await preferences.SaveSettings(settings, keepUnrecognised);
    progress.textContent = "";
    if (!result.saved) {
      const errors: Record<string, string> = {};
      for (const e of result.errors ?? []) errors[e.field in { token: 1, widget_url: 1, shortcut: 1 } ? e.field : "form"] = fieldErrorText(catalogue, e);
      showSettingsErrors(errors);
      byId("keep-token").hidden = !(result.errors ?? []).some((e) => e.field === "token" && e.code === "unrecognised");
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const sourceChanged = (result.settings.token ?? "") !== (info.settings.token ?? "") ||
      (result.settings.widget_url ?? "") !== (info.settings.widget_url ?? "");
    info.settings = result.settings;
    if (!sourceChanged) {
      show("overview");
      return;
    }
    // A new page loads the widget from the new source; Go keeps any waiting commands.
    if (result.company) {
      progress.textContent = tr("settings.recognised", { company: result.company });
      setTimeout(() => window.location.reload(), RECOGNISED_PAUSE_MS);
      return;
    }
    byId("status").textContent = tr("settings.saved");
    window.location.reload();
  } catch (error) {
    progress.textContent = "";
    showSettingsErrors({ form: tr("error.saveFailed", { error: String(error) }) });
  }
}

function switchNow(box: HTMLInputElement, set: (on: boolean) => Promise<void>): void {
  byId("e-view").textContent = "";
  set(box.checked).catch((error) => {
    box.checked = !box.checked;
    byId("e-view").textContent = String(error);
  });
}

function wireControls(): void {
  byId("open-chat").addEventListener("click", () => void chat.OpenWidget());
  byId("close-chat").addEventListener("click", () => void chat.CloseWidget());
  byId("send-details").addEventListener("click", () => void chat.SendCustomerData());
  byId("edit-profile").addEventListener("click", openEditor);
  byId("edit-settings").addEventListener("click", openSettings);
  byId("welcome-fill").addEventListener("click", openEditor);
  byId("welcome-later").addEventListener("click", () => (byId("welcome").hidden = true));
  byId("retry").addEventListener("click", () => retry.now());
  byId("reload-chat").addEventListener("click", () => window.location.reload());
  byId("token-settings").addEventListener("click", openSettings);
  byId("keep-token").addEventListener("click", () => void saveSettings(true));
  byId("cancel-settings").addEventListener("click", () => show("overview"));
  const shortcut = byId<HTMLInputElement>("s-shortcut");
  shortcut.addEventListener("keydown", (e) => {
    // Tab, Escape and Enter keep their meaning in the form; any other key is recorded.
    if (["Tab", "Escape", "Enter"].includes(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey) return;
    if (isLocked(info.locked, "shortcut")) return;
    e.preventDefault();
    const combo = comboFromKeyPress(e);
    if (combo) shortcut.value = combo;
  });
  byId("shortcut-default").addEventListener("click", () => (shortcut.value = ""));
  // Takes effect at once, like a system setting; Go reports a failure in words.
  const autostart = byId<HTMLInputElement>("s-autostart");
  autostart.addEventListener("change", () => {
    byId("e-autostart").textContent = "";
    preferences.SetStartAtLogin(autostart.checked).catch((error) => {
      autostart.checked = !autostart.checked;
      byId("e-autostart").textContent = String(error);
    });
  });
  byId("shortcut-off").addEventListener("click", () => (shortcut.value = "off"));
  byId("shortcut-copy").addEventListener("click", async () => {
    byId("s-shortcut-copied").textContent = await copyCommand(info.shortcut.command ?? "", setClipboard, catalogue);
  });
  // Like a system setting, these take effect at once (the menu's check box too).
  const keepOnTop = byId<HTMLInputElement>("s-keep-on-top");
  keepOnTop.addEventListener("change", () => switchNow(keepOnTop, (on) => preferences.SetAlwaysOnTop(on)));
  const sounds = byId<HTMLInputElement>("s-sounds");
  sounds.addEventListener("change", () => switchNow(sounds, (on) => preferences.SetSounds(on)));
  window.addEventListener("focus", () => void chat.PageFocus(true));
  window.addEventListener("blur", () => void chat.PageFocus(false));
  byId("settings-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void saveSettings();
  });
  document.addEventListener("keydown", (e) => {
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
  const widgetFrame = new FrameBridge(window, frameBackend(chat), {
    frameURL: frameURL.href,
    frameOrigin: `${frameURL.protocol}//${frameURL.host}`,
    top: () => bar?.getBoundingClientRect().height ?? 0,
    onLayout: (layout, aside) => {
      document.body.dataset.chat = aside ? "aside" : layout.mode;
      document.body.style.setProperty("--chat-reserve", `${aside ? 0 : layout.reserve}px`);
    },
  });
  // The bar wraps onto more lines in a narrower window (or another language): the frame stays below it.
  if (bar) new ResizeObserver(() => widgetFrame.layout()).observe(bar);
  return widgetFrame;
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
  onGoEvent(GoEvents.editSettings, openSettings);
  // Go owns the profile: whoever saved it, the page shows what was saved.
  onGoEvent<SaveResult>(GoEvents.profileSaved, (result) => renderProfile(result.profile));
  onGoEvent<Notice[]>(GoEvents.notices, renderNotices);
  onGoEvent<ShortcutStatus>(GoEvents.shortcut, renderShortcutStatus);
  onGoEvent<FileDrop>(GoEvents.fileDrop, (drop) => frame?.attachDropped(drop.x, drop.y, drop.files));
  onGoEvent<Settings>(GoEvents.settings, (settings) => {
    if (!info) return;
    info.settings = settings;
    renderViewSettings();
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
  if (info.testProbe) startTestProbe(window, info.testProbe, preferences);
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
  if (info.icon) {
    const icon = Object.assign(document.createElement("img"), { className: "logo", src: info.icon, alt: "" });
    document.querySelector(".brand .logo")?.replaceWith(icon);
  }
  void chat.PageFocus(document.hasFocus());
}

void start();
