import { describe, expect, it, vi } from "vitest";
import { gateCalls, KEY_META } from "./ipcKey";

describe("gateCalls", () => {
  it("prefixes the page's key to every message Wails sends, and takes the key out of the DOM", () => {
    document.head.innerHTML = `<meta name="${KEY_META}" content="k3y">`;
    const invoke = vi.fn();
    (window as unknown as { WailsInvoke: unknown }).WailsInvoke = invoke;
    expect(gateCalls(window)).toBe(true);
    (window as unknown as { WailsInvoke: (m: string) => void }).WailsInvoke('C{"name":"app.ChatAPI.OpenWidget"}');
    expect(invoke).toHaveBeenCalledWith('k3y:C{"name":"app.ChatAPI.OpenWidget"}');
    expect(document.querySelector(`meta[name="${KEY_META}"]`)).toBeNull();
  });

  it("changes nothing without a key", () => {
    document.head.innerHTML = "";
    const invoke = vi.fn();
    (window as unknown as { WailsInvoke: unknown }).WailsInvoke = invoke;
    expect(gateCalls(window)).toBe(false);
    expect((window as unknown as { WailsInvoke: unknown }).WailsInvoke).toBe(invoke);
  });
});
