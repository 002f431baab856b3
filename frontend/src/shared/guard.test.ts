import { beforeEach, describe, expect, it, vi } from "vitest";
import { installGuard } from "./guard";

function setup() {
  const backend = { openExternal: vi.fn(async () => undefined), reportViolation: vi.fn(async () => undefined) };
  installGuard(window, backend);
  return backend;
}

function click(href: string, target = ""): MouseEvent {
  const a = document.createElement("a");
  a.href = href;
  if (target) a.target = target;
  a.textContent = "link";
  document.body.appendChild(a);
  const event = new MouseEvent("click", { bubbles: true, cancelable: true });
  a.dispatchEvent(event);
  return event;
}

describe("installGuard", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
  });

  it.each([
    ["https://t.me/jedidesk", ""],
    ["mailto:help@example.com", ""],
    ["file:///etc/passwd", ""],
    [`${window.location.origin}/report.pdf`, "_blank"],
  ])("hands %s to Go instead of navigating", (href, target) => {
    const backend = setup();
    const event = click(href, target);
    expect(event.defaultPrevented).toBe(true);
    expect(backend.openExternal).toHaveBeenCalledWith(new URL(href).href);
  });

  it("leaves links within the app's page alone", () => {
    const backend = setup();
    const event = click(`${window.location.origin}/#editor`);
    expect(event.defaultPrevented).toBe(false);
    expect(backend.openExternal).not.toHaveBeenCalled();
  });

  it("turns window.open into a request to Go and opens no window", () => {
    const backend = setup();
    expect(window.open("file:///etc/passwd")).toBeNull();
    expect(window.open("https://example.com/a?b=c", "_blank")).toBeNull();
    expect(backend.openExternal.mock.calls).toEqual([["file:///etc/passwd"], ["https://example.com/a?b=c"]]);
  });

  it("reports policy violations", () => {
    const backend = setup();
    const event = new Event("securitypolicyviolation") as Event & Record<string, string>;
    Object.assign(event, { effectiveDirective: "script-src-elem", violatedDirective: "script-src", blockedURI: "inline" });
    document.dispatchEvent(event);
    expect(backend.reportViolation).toHaveBeenCalledWith("script-src-elem", "inline");
  });
});
