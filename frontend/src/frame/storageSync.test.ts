import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Items } from "../shared/frameProtocol";
import { restore, snapshot, watch } from "./storageSync";

describe("storageSync", () => {
  let stop: () => void = () => undefined;
  let changes: Items[];

  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    sessionStorage.clear();
    changes = [];
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it("restores what the app kept before the widget reads it", () => {
    restore(localStorage, { jw_id: "abc", jdCustomerName: "Олена" });
    expect(localStorage.getItem("jw_id")).toBe("abc");
    expect(snapshot(localStorage)).toEqual({ jdCustomerName: "Олена", jw_id: "abc" });
  });

  it("hands back each change soon after the widget makes it, once", () => {
    stop = watch(window, localStorage, (items) => changes.push(items), 1000);
    localStorage.setItem("jw_id", "abc");
    localStorage.setItem("jw_c_id", "1001");
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([{ jw_c_id: "1001", jw_id: "abc" }]);
    localStorage.setItem("jw_id", "abc"); // no change
    vi.advanceTimersByTime(1);
    localStorage.removeItem("jw_c_id");
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([{ jw_c_id: "1001", jw_id: "abc" }, { jw_id: "abc" }]);
  });

  it("notices a change no method call announced, by looking every so often", () => {
    stop = watch(window, localStorage, (items) => changes.push(items), 1000);
    (localStorage as unknown as Record<string, string>).jw_id = "assigned";
    vi.advanceTimersByTime(999);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([{ jw_id: "assigned" }]);
  });

  it("leaves other storages alone and puts the methods back when stopped", () => {
    const setItem = Storage.prototype.setItem;
    stop = watch(window, localStorage, (items) => changes.push(items), 1000);
    sessionStorage.setItem("x", "1");
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([]);
    stop();
    expect(Storage.prototype.setItem).toBe(setItem);
  });
});
