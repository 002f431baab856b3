import { beforeEach, describe, expect, it, vi } from "vitest";
import { answerEarly, EARLY_ROUTE } from "./earlyAnswers";
import type { Verdict } from "../shared/frameProtocol";
import { watchSettingsRequest } from "./tokenWatch";

const api = "http://127.0.0.1:9";
const settings = `${api}/api/widget/settings/tok`;
const jsonip = `${api}/api/jsonip`;
const FRAME = "wails://widget";
const early = (url: string) => `${FRAME}${EARLY_ROUTE}?url=${encodeURIComponent(url)}`;

/** Records where each request was opened, as the browser's XMLHttpRequest would send it. */
class RecordingXHR {
  static opened: string[] = [];
  open(_method: string, url: string | URL) {
    RecordingXHR.opened.push(String(url));
  }
}

type Win = Window & { fetch: typeof fetch; XMLHttpRequest: typeof XMLHttpRequest };

describe("answerEarly", () => {
  let win: Win;
  let fetched: string[];

  beforeEach(() => {
    fetched = [];
    RecordingXHR.opened = [];
    win = {
      document: { baseURI: `${FRAME}/widget-frame.html` },
      location: { origin: FRAME },
      fetch: vi.fn(async (input: RequestInfo | URL) => {
        fetched.push(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
        return new Response("{}");
      }),
      XMLHttpRequest: RecordingXHR,
    } as unknown as Win;
  });

  it("sends the widget's first request for each answer that is in to the app, and later ones to the service", async () => {
    answerEarly(win, [settings, jsonip]);
    await win.fetch(settings);
    await win.fetch(settings);
    const xhr = new win.XMLHttpRequest();
    xhr.open("GET", jsonip, false);
    new win.XMLHttpRequest().open("get", new URL(jsonip));
    expect(fetched).toEqual([early(settings), settings]);
    expect(RecordingXHR.opened).toEqual([early(jsonip), jsonip]);
  });

  it("leaves everything else to the network: other URLs, other methods, Request objects", async () => {
    answerEarly(win, [settings, jsonip]);
    await win.fetch(`${api}/api/widget/settings/other`);
    await win.fetch(settings, { method: "POST" });
    await win.fetch(new Request(settings));
    new win.XMLHttpRequest().open("POST", jsonip);
    expect(fetched).toEqual([`${api}/api/widget/settings/other`, settings, settings]);
    expect(RecordingXHR.opened).toEqual([jsonip]);
  });

  it("matches the URL however the widget wrote it, and takes no URL that is not http(s)", async () => {
    answerEarly(win, [settings, "javascript:alert(1)", "not a url at all"]);
    await win.fetch("HTTP://127.0.0.1:9/api/widget/settings/tok");
    await win.fetch("javascript:alert(1)");
    expect(fetched).toEqual([early(settings), "javascript:alert(1)"]);
  });

  it("changes nothing when no answer is in", () => {
    const { fetch, XMLHttpRequest } = win;
    answerEarly(win, []);
    expect(win.fetch).toBe(fetch);
    expect(win.XMLHttpRequest).toBe(XMLHttpRequest);
  });

  it("keeps XMLHttpRequest an XMLHttpRequest to the widget", () => {
    answerEarly(win, [jsonip]);
    expect(new win.XMLHttpRequest()).toBeInstanceOf(RecordingXHR);
    expect(win.XMLHttpRequest.name).toBe("RecordingXHR");
  });

  it("lets the token check read the app's answer as the answer to the widget's own request", async () => {
    win.fetch = vi.fn(async (input: RequestInfo | URL) =>
      String(input) === early(settings) ? new Response("not found", { status: 404 }) : new Response("{}"),
    ) as unknown as typeof fetch;
    answerEarly(win, [settings]);
    const verdicts: Verdict[] = [];
    watchSettingsRequest(win, api, (v) => verdicts.push(v));
    const response = await win.fetch(settings);
    expect(response.status).toBe(404);
    await vi.waitFor(() => expect(verdicts).toEqual(["unrecognised"]));
  });
});
