import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Retry, retryDelaySeconds } from "./retry";

describe("retryDelaySeconds", () => {
  it.each([
    [0, 2],
    [1, 4],
    [2, 8],
    [4, 32],
    [5, 60],
    [50, 60],
    [-3, 2],
  ])("attempt %i waits %i s", (attempt, seconds) => {
    expect(retryDelaySeconds(attempt)).toBe(seconds);
  });
});

describe("Retry", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sessionStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it("reloads after the delay and remembers the attempt across reloads", () => {
    const reload = vi.fn();
    expect(new Retry(sessionStorage, reload).schedule()).toBe(2);
    vi.advanceTimersByTime(1999);
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledOnce();

    // The next page load sees one attempt made and waits longer.
    expect(new Retry(sessionStorage, reload).schedule()).toBe(4);
  });

  it("starts over after a success", () => {
    const reload = vi.fn();
    const retry = new Retry(sessionStorage, reload);
    retry.now();
    retry.now();
    expect(retry.attempt).toBe(2);
    retry.succeeded();
    expect(new Retry(sessionStorage, reload).schedule()).toBe(2);
  });

  it("the button reloads at once and cancels the scheduled reload", () => {
    const reload = vi.fn();
    const retry = new Retry(sessionStorage, reload);
    retry.schedule();
    retry.now();
    vi.advanceTimersByTime(120_000);
    expect(reload).toHaveBeenCalledOnce();
  });

  it("reloads nothing while Go finds the server silent, and at once when it answers again", () => {
    const reload = vi.fn();
    const retry = new Retry(sessionStorage, reload);
    retry.schedule();
    retry.network(false, true);
    vi.advanceTimersByTime(60_000);
    expect(reload).not.toHaveBeenCalled();
    retry.network(true, true);
    expect(reload).toHaveBeenCalledOnce();
  });

  it("a server that answers from the start leaves the pauses as they are", () => {
    const reload = vi.fn();
    const retry = new Retry(sessionStorage, reload);
    retry.schedule();
    retry.network(true, true);
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2000);
    expect(reload).toHaveBeenCalledOnce();
  });

  it("a chat that loaded meanwhile is not reloaded when the server answers", () => {
    const reload = vi.fn();
    const retry = new Retry(sessionStorage, reload);
    retry.network(false, true);
    retry.network(true, false);
    expect(reload).not.toHaveBeenCalled();
  });
});
