import { beforeEach, describe, expect, it } from "vitest";
import { applyLocks, isLocked, lockableControls } from "./settingsPanel";

// The settings form as index.html has it, without what locking does not touch.
const form = `
  <form id="settings-form">
    <label for="s-token">Widget token</label>
    <input id="s-token" name="token" aria-describedby="s-token-hint e-token" />
    <label for="s-widget_url">Widget address</label>
    <input id="s-widget_url" name="widget_url" type="url" aria-describedby="s-url-hint e-widget_url" />
    <label for="s-shortcut">Global shortcut</label>
    <div class="shortcut-row">
      <input id="s-shortcut" name="shortcut" aria-describedby="s-shortcut-hint" />
      <button type="button" id="shortcut-default">Default</button>
      <button type="button" id="shortcut-off">Turn off</button>
    </div>
    <label class="check"><input type="checkbox" id="s-keep-in-tray" /> <span>Keep running</span></label>
    <label class="check"><input type="checkbox" id="s-notifications" /> <span>Notifications</span></label>
    <label class="check"><input type="checkbox" id="s-autostart" /> <span>Start at login</span></label>
  </form>`;

const el = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const notes = () => [...document.querySelectorAll(".locked-note")].map((n) => [n.id, n.textContent]);

describe("applyLocks", () => {
  beforeEach(() => {
    document.body.innerHTML = form;
  });

  it("makes a locked token read-only with the note under its label, not disabled, so it is still sent and seen", () => {
    applyLocks(document, ["token"], "Set by your administrator.");
    const token = el<HTMLInputElement>("s-token");
    expect(token.readOnly).toBe(true);
    expect(token.disabled).toBe(false);
    expect(notes()).toEqual([["locked-token", "Set by your administrator."]]);
    expect(token.previousElementSibling?.id).toBe("locked-token");
    expect(token.getAttribute("aria-describedby")).toBe("locked-token s-token-hint e-token");
    expect(el<HTMLInputElement>("s-widget_url").readOnly).toBe(false);
  });

  it("disables the shortcut's buttons and the check boxes of locked settings", () => {
    applyLocks(document, ["shortcut", "notifications_off"], "locked");
    expect(el<HTMLInputElement>("s-shortcut").readOnly).toBe(true);
    expect(el<HTMLButtonElement>("shortcut-default").disabled).toBe(true);
    expect(el<HTMLButtonElement>("shortcut-off").disabled).toBe(true);
    expect(el<HTMLInputElement>("s-notifications").disabled).toBe(true);
    expect(el<HTMLInputElement>("s-keep-in-tray").disabled).toBe(false);
    expect(el("s-notifications").closest("label")?.nextElementSibling?.id).toBe("locked-notifications_off");
  });

  it("never touches a setting no administrator can lock", () => {
    applyLocks(document, Object.keys(lockableControls), "locked");
    expect(el<HTMLInputElement>("s-autostart").disabled).toBe(false);
    expect(notes()).toHaveLength(5);
  });

  it("runs again after a language change with one note each, in the new words", () => {
    applyLocks(document, ["token"], "Set by your administrator.");
    applyLocks(document, ["token"], "Встановлено адміністратором.");
    expect(notes()).toEqual([["locked-token", "Встановлено адміністратором."]]);
    expect(el("s-token").getAttribute("aria-describedby")).toBe("locked-token s-token-hint e-token");
  });

  it("unlocks what is no longer locked and leaves no note", () => {
    applyLocks(document, ["token", "quit_on_close"], "locked");
    applyLocks(document, [], "locked");
    expect(el<HTMLInputElement>("s-token").readOnly).toBe(false);
    expect(el<HTMLInputElement>("s-keep-in-tray").disabled).toBe(false);
    expect(notes()).toEqual([]);
    expect(el("s-token").getAttribute("aria-describedby")).toBe("s-token-hint e-token");
    expect(el("s-keep-in-tray").hasAttribute("aria-describedby")).toBe(false);
  });
});

describe("isLocked", () => {
  it("reads a missing list as nothing locked", () => {
    expect(isLocked(null, "token")).toBe(false);
    expect(isLocked(["token"], "token")).toBe(true);
    expect(isLocked(["token"], "shortcut")).toBe(false);
  });
});
