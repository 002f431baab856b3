import { describe, expect, it } from "vitest";
import { FocusWatch } from "./focusWatch";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function watchWith(hasFocus: () => boolean, answer: () => Promise<void> = () => Promise.resolve()) {
  const told: boolean[] = [];
  const watch = new FocusWatch({ hasFocus } as Document, (focused) => {
    told.push(focused);
    return answer();
  });
  return { watch, told };
}

describe("FocusWatch", () => {
  it("tells Go the window keeps the focus when the user clicks into the chat's frame", async () => {
    let focused = true;
    const { watch, told } = watchWith(() => focused);
    watch.check();
    // The page's window blurs, the frame's focuses: the document still has the focus.
    watch.check();
    watch.check();
    await settle();
    expect(told).toEqual([true]);
    expect(watch.confirmed).toBe(true);
    focused = false;
    watch.check();
    await settle();
    expect(told).toEqual([true, false]);
    expect(watch.confirmed).toBe(false);
  });

  it("confirms only what Go answered, and the latest of it", async () => {
    let focused = true;
    const answers: (() => void)[] = [];
    const { watch } = watchWith(
      () => focused,
      () => new Promise<void>((resolve) => answers.push(resolve)),
    );
    watch.check();
    focused = false;
    watch.check();
    expect(watch.confirmed).toBeNull();
    answers[0]();
    await settle();
    expect(watch.confirmed).toBeNull(); // Go is already being told otherwise
    answers[1]();
    await settle();
    expect(watch.confirmed).toBe(false);
  });

  it("tells Go again after a report that failed", async () => {
    let fail = true;
    const { watch, told } = watchWith(
      () => true,
      () => (fail ? Promise.reject(new Error("no app")) : Promise.resolve()),
    );
    watch.check();
    await settle();
    fail = false;
    watch.check();
    await settle();
    expect(told).toEqual([true, true]);
    expect(watch.confirmed).toBe(true);
  });
});
