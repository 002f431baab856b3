import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Verdict } from "../shared/frameProtocol";
import { apiBase, isSettingsRequest, verdictOf, watchSettingsRequest } from "./tokenWatch";

describe("verdictOf", () => {
  it.each([
    [200, '{"data":{"company":"Acme"}}', "recognised"],
    [200, { data: { company: { name: "Acme" } } }, "recognised"],
    [404, '{"data":{"company":"Acme"}}', "unrecognised"],
    [500, "oops", "unrecognised"],
    [200, "<html>JediDesk</html>", "unrecognised"],
    [200, '{"data":{}}', "unrecognised"],
    [200, '{"data":{"company":null}}', "unrecognised"],
    [200, '{"data":{"company":""}}', "unrecognised"],
    [200, "null", "unrecognised"],
  ] as const)("%i %o is %s", (status, body, want) => {
    expect(verdictOf(status, body)).toBe(want);
  });
});

describe("apiBase and isSettingsRequest", () => {
  it("asks JediDesk's API for its own widget and a self-hosted widget's own host otherwise", () => {
    expect(apiBase("https://widget.jedidesk.com", "wails://widget/")).toBe("https://app.jedidesk.com");
    expect(apiBase("http://127.0.0.1:9/", "wails://widget/")).toBe("http://127.0.0.1:9");
    expect(apiBase("/demo-widget", "wails://widget/")).toBeNull();
  });

  it("matches only the settings path on that host", () => {
    const api = "https://app.jedidesk.com";
    expect(isSettingsRequest("https://app.jedidesk.com/api/widget/settings/tok", api, "wails://widget/")).toBe(true);
    expect(isSettingsRequest("https://app.jedidesk.com/api/jsonip", api, "wails://widget/")).toBe(false);
    expect(isSettingsRequest("https://evil.example/api/widget/settings/tok", api, "wails://widget/")).toBe(false);
  });
});

/** An XMLHttpRequest stand-in that answers at once, synchronously or with loadend. */
class FakeXHR extends EventTarget {
  static answer = { status: 200, body: "" };
  readyState = 0;
  status = 0;
  responseType = "";
  responseText = "";
  response: unknown = "";
  private async = true;
  open(_method: string, _url: string, async = true) {
    this.async = async;
    this.readyState = 1;
  }
  send() {
    const finish = () => {
      this.readyState = 4;
      this.status = FakeXHR.answer.status;
      this.responseText = FakeXHR.answer.body;
      this.response = FakeXHR.answer.body;
      if (this.async) this.dispatchEvent(new Event("loadend"));
    };
    if (this.async) setTimeout(finish, 0);
    else finish();
  }
}

describe("watchSettingsRequest", () => {
  let win: { document: Document; fetch: typeof fetch; XMLHttpRequest: typeof XMLHttpRequest };
  let verdicts: Verdict[];
  const api = "http://127.0.0.1:9";

  beforeEach(() => {
    vi.useFakeTimers();
    verdicts = [];
    win = {
      document,
      fetch: vi.fn(async () => new Response('{"data":{"company":"Acme"}}', { status: 200 })) as unknown as typeof fetch,
      XMLHttpRequest: FakeXHR as unknown as typeof XMLHttpRequest,
    };
    watchSettingsRequest(win as unknown as Window & typeof win, api, (v) => verdicts.push(v));
  });
  afterEach(() => vi.useRealTimers());

  it("reads the answer to the widget's fetch and hands the widget the same answer", async () => {
    const response = await win.fetch(`${api}/api/widget/settings/tok`);
    expect(await response.json()).toEqual({ data: { company: "Acme" } });
    await vi.waitFor(() => expect(verdicts).toEqual(["recognised"]));
  });

  it("leaves the widget's other requests alone", async () => {
    await win.fetch(`${api}/static/js/main.js`);
    await Promise.resolve();
    expect(verdicts).toEqual([]);
  });

  it("reads a synchronous XMLHttpRequest's answer, as the real widget makes them", () => {
    FakeXHR.answer = { status: 404, body: '{"message":"not found"}' };
    const xhr = new win.XMLHttpRequest();
    xhr.open("GET", `${api}/api/widget/settings/typo`, false);
    xhr.send();
    expect(xhr.status).toBe(404);
    expect(verdicts).toEqual(["unrecognised"]);
  });

  it("reads an asynchronous XMLHttpRequest's answer once", () => {
    FakeXHR.answer = { status: 200, body: '{"data":{"company":"Acme"}}' };
    const xhr = new win.XMLHttpRequest();
    expect(xhr).toBeInstanceOf(FakeXHR);
    xhr.open("GET", `${api}/api/widget/settings/tok`);
    xhr.send();
    vi.advanceTimersByTime(1);
    expect(verdicts).toEqual(["recognised"]);
  });

  it("says nothing of a request that got no answer", () => {
    FakeXHR.answer = { status: 0, body: "" };
    const xhr = new win.XMLHttpRequest();
    xhr.open("GET", `${api}/api/widget/settings/tok`, false);
    xhr.send();
    expect(verdicts).toEqual([]);
  });
});
