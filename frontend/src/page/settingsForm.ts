// The Settings panel's DOM: it shows the saved settings, records a shortcut from a key press,
// saves through Go (which validates, checks a new token with the chat service and refuses what
// the administrator locked), and flips the switches that take effect at once. The rules live in
// settingsPanel.ts, shortcut.ts, shortcutStatus.ts and Go; this file renders them and calls Go.
import { type PageInfo, type PreferencesAPI, type Settings, setClipboard, type ShortcutStatus } from "./backend";
import { type Catalogue, fieldErrorText, t } from "./i18n";
import { isLocked } from "./settingsPanel";
import { comboFromKeyPress } from "./shortcut";
import { copyCommand, describeShortcut } from "./shortcutStatus";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The fields whose errors show beside them; any other error shows under the form. */
const FIELDS = ["token", "widget_url", "proxy", "proxy_bypass", "shortcut"] as const;

// Long enough to read who the token belongs to before the chat reloads.
const RECOGNISED_PAUSE_MS = 1500;

/** What the panel needs of the page around it. */
export interface SettingsHost {
  /** What Go told the page (the saved settings, the shortcut's state, the locked keys). */
  info(): PageInfo;
  catalogue(): Catalogue;
  /** Shows the panel in place of the overview. */
  show(): void;
  /** Back to the overview. */
  close(): void;
  /** Says something in the bar's status line. */
  status(text: string): void;
}

/** The bypass list as its field shows it. */
export const bypassText = (hosts: readonly string[] | null | undefined): string => (hosts ?? []).join(", ");

/** The bypass field's hosts (Go checks each one). */
export const bypassList = (text: string): string[] => text.split(/[,\s]+/).filter((host) => host !== "");

export class SettingsForm {
  private readonly form = byId<HTMLFormElement>("settings-form");

  constructor(
    private readonly preferences: PreferencesAPI,
    private readonly host: SettingsHost,
  ) {
    this.wire();
  }

  private tr(key: string, args?: Record<string, string | number>): string {
    return t(this.host.catalogue(), key, args);
  }

  private field(name: string): HTMLInputElement {
    return this.form.elements.namedItem(name) as HTMLInputElement;
  }

  open(): void {
    const { settings } = this.host.info();
    this.field("token").value = settings.token ?? "";
    this.field("widget_url").value = settings.widget_url ?? "";
    this.field("proxy").value = settings.proxy ?? "";
    this.field("proxy_bypass").value = bypassText(settings.proxy_bypass);
    byId<HTMLInputElement>("s-keep-in-tray").checked = !settings.quit_on_close;
    byId<HTMLInputElement>("s-notifications").checked = !settings.notifications_off;
    byId<HTMLInputElement>("s-keep-notifications").checked = settings.keep_notifications === true;
    this.renderSwitches();
    byId("e-view").textContent = "";
    // Empty means the default, which the placeholder shows.
    this.field("shortcut").value = settings.shortcut ?? "";
    this.showErrors({});
    const autostart = byId<HTMLInputElement>("s-autostart");
    byId("e-autostart").textContent = "";
    this.preferences.StartAtLogin().then(
      (on) => (autostart.checked = on),
      (error) => (byId("e-autostart").textContent = String(error)),
    );
    this.host.show();
    byId("s-token").focus();
  }

  /**
   * The switches that take effect at once, and the zoom the View menu sets: they follow the
   * saved settings, whoever changed them.
   */
  renderSwitches(): void {
    const { settings } = this.host.info();
    byId<HTMLInputElement>("s-keep-on-top").checked = !!settings.always_on_top;
    byId<HTMLInputElement>("s-sounds").checked = !settings.sounds_off;
    byId("s-zoom").textContent = this.tr("settings.zoom", { percent: settings.zoom || 100 });
  }

  renderShortcutStatus(status: ShortcutStatus): void {
    const view = describeShortcut(status, this.host.catalogue());
    byId("s-shortcut-status").textContent = view.text;
    byId("s-shortcut-command-row").hidden = view.command === null;
    byId("s-shortcut-command").textContent = view.command ?? "";
    byId("s-shortcut-copied").textContent = "";
  }

  private showErrors(errors: Record<string, string>): void {
    for (const field of FIELDS) {
      byId(`e-${field}`).textContent = errors[field] ?? "";
      byId(`s-${field}`).setAttribute("aria-invalid", errors[field] ? "true" : "false");
    }
    byId("e-settings-form").textContent = errors.form ?? "";
  }

  private async save(keepUnrecognised = false): Promise<void> {
    const settings: Settings = {
      token: this.field("token").value,
      widget_url: this.field("widget_url").value,
      proxy: this.field("proxy").value,
      proxy_bypass: bypassList(this.field("proxy_bypass").value),
      shortcut: this.field("shortcut").value,
      quit_on_close: !byId<HTMLInputElement>("s-keep-in-tray").checked,
      notifications_off: !byId<HTMLInputElement>("s-notifications").checked,
      keep_notifications: byId<HTMLInputElement>("s-keep-notifications").checked,
    };
    const progress = byId("settings-progress");
    // A new token is checked with the chat service first: the user sees that it is happening.
    progress.textContent = this.tr("settings.checking");
    byId("keep-token").hidden = true;
    try {
      const result = await this.preferences.SaveSettings(settings, keepUnrecognised);
      progress.textContent = "";
      if (!result.saved) {
        const errors: Record<string, string> = {};
        for (const e of result.errors ?? []) {
          errors[(FIELDS as readonly string[]).includes(e.field) ? e.field : "form"] = fieldErrorText(this.host.catalogue(), e);
        }
        this.showErrors(errors);
        byId("keep-token").hidden = !(result.errors ?? []).some((e) => e.field === "token" && e.code === "unrecognised");
        this.form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
        return;
      }
      const info = this.host.info();
      // A new proxy is a new way to the widget: it loads again through it.
      const sourceChanged = (result.settings.token ?? "") !== (info.settings.token ?? "") ||
        (result.settings.widget_url ?? "") !== (info.settings.widget_url ?? "") ||
        (result.settings.proxy ?? "") !== (info.settings.proxy ?? "") ||
        bypassText(result.settings.proxy_bypass) !== bypassText(info.settings.proxy_bypass);
      info.settings = result.settings;
      if (!sourceChanged) {
        this.host.close();
        return;
      }
      // A new page loads the widget from the new source; Go keeps any waiting commands.
      if (result.company) {
        progress.textContent = this.tr("settings.recognised", { company: result.company });
        setTimeout(() => window.location.reload(), RECOGNISED_PAUSE_MS);
        return;
      }
      this.host.status(this.tr("settings.saved"));
      window.location.reload();
    } catch (error) {
      progress.textContent = "";
      this.showErrors({ form: this.tr("error.saveFailed", { error: String(error) }) });
    }
  }

  /** A switch that takes effect at once, like a system setting; Go reports a failure in words. */
  private switchNow(box: HTMLInputElement, set: (on: boolean) => Promise<void>): void {
    byId("e-view").textContent = "";
    set(box.checked).catch((error) => {
      box.checked = !box.checked;
      byId("e-view").textContent = String(error);
    });
  }

  private wire(): void {
    byId("keep-token").addEventListener("click", () => void this.save(true));
    byId("cancel-settings").addEventListener("click", () => this.host.close());
    const shortcut = byId<HTMLInputElement>("s-shortcut");
    shortcut.addEventListener("keydown", (e) => {
      // Tab, Escape and Enter keep their meaning in the form; any other key is recorded.
      if (["Tab", "Escape", "Enter"].includes(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey) return;
      if (isLocked(this.host.info().locked, "shortcut")) return;
      e.preventDefault();
      const combo = comboFromKeyPress(e);
      if (combo) shortcut.value = combo;
    });
    byId("shortcut-default").addEventListener("click", () => (shortcut.value = ""));
    byId("shortcut-off").addEventListener("click", () => (shortcut.value = "off"));
    byId("shortcut-copy").addEventListener("click", async () => {
      byId("s-shortcut-copied").textContent = await copyCommand(this.host.info().shortcut.command ?? "", setClipboard, this.host.catalogue());
    });
    const autostart = byId<HTMLInputElement>("s-autostart");
    autostart.addEventListener("change", () => {
      byId("e-autostart").textContent = "";
      this.preferences.SetStartAtLogin(autostart.checked).catch((error) => {
        autostart.checked = !autostart.checked;
        byId("e-autostart").textContent = String(error);
      });
    });
    // Like a system setting, these take effect at once (the menu's check box too).
    const keepOnTop = byId<HTMLInputElement>("s-keep-on-top");
    keepOnTop.addEventListener("change", () => this.switchNow(keepOnTop, (on) => this.preferences.SetAlwaysOnTop(on)));
    const sounds = byId<HTMLInputElement>("s-sounds");
    sounds.addEventListener("change", () => this.switchNow(sounds, (on) => this.preferences.SetSounds(on)));
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.save();
    });
  }
}
