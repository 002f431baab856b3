import { describe, expect, it } from "vitest";
import { keepPresentInTray } from "./presence";

const condition = (c: string) => JSON.stringify({ action: "JWChangeChatCondition", condition: c });

function pageIn(visibility: DocumentVisibilityState) {
  const win = new EventTarget() as unknown as Window & { document: { visibilityState: DocumentVisibilityState } };
  Object.assign(win, { document: { visibilityState: visibility } });
  return win;
}

describe("keepPresentInTray", () => {
  it.each([
    ["the widget's offline while the window is hidden goes out as hide", "hidden", condition("offline"), condition("hide")],
    ["offline while the window is shown stands", "visible", condition("offline"), condition("offline")],
    ["online and hide stand", "hidden", condition("online"), condition("online")],
    ["the other frames stand", "hidden", JSON.stringify({ action: "ping" }), JSON.stringify({ action: "ping" })],
    ["what is not JSON stands", "hidden", "offline", "offline"],
  ] as const)("%s", (_, visibility, frame, sent) => {
    expect(keepPresentInTray(pageIn(visibility))(frame)).toBe(sent);
  });

  it("keeps the frame's other fields", () => {
    const adjust = keepPresentInTray(pageIn("hidden"));
    expect(JSON.parse(adjust(JSON.stringify({ action: "JWChangeChatCondition", condition: "offline", t: "c" })))).toEqual({
      action: "JWChangeChatCondition",
      condition: "hide",
      t: "c",
    });
  });

  it.each(["beforeunload", "pagehide"])("lets offline stand once the page is left (%s)", (leave) => {
    const win = pageIn("hidden");
    const adjust = keepPresentInTray(win);
    win.dispatchEvent(new Event(leave));
    expect(adjust(condition("offline"))).toBe(condition("offline"));
  });
});
