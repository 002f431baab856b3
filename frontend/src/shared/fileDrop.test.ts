import { beforeEach, describe, expect, it, vi } from "vitest";
import { acceptDrops, type Attach, attachWithInput } from "./fileDrop";

/** A list of files as the browser hands them over (jsdom has no DataTransfer). */
function fileList(...names: string[]): FileList {
  const files = names.map((name) => new File(["x"], name));
  return Object.assign(files, { item: (i: number) => files[i] ?? null }) as unknown as FileList;
}

function drag(type: "dragover" | "drop", types: string[], files: FileList = fileList()): DragEvent {
  const e = new Event(type, { bubbles: true, cancelable: true }) as DragEvent;
  Object.defineProperty(e, "dataTransfer", { value: { types, files } });
  return e;
}

describe("acceptDrops", () => {
  let win: Window;
  let attach: ReturnType<typeof vi.fn<Attach>>;

  beforeEach(() => {
    document.body.innerHTML = "";
    win = document.defaultView as Window;
    attach = vi.fn<Attach>(() => true);
  });

  it("takes a dragged file, so that dropping it never opens it in place of the app", () => {
    acceptDrops(win, attach);
    const over = drag("dragover", ["Files"]);
    document.body.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true);
    const files = fileList("a.png");
    const drop = drag("drop", ["Files"], files);
    document.body.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    expect(attach).toHaveBeenCalledWith(files);
  });

  it("leaves dragged text alone", () => {
    acceptDrops(win, attach);
    const over = drag("dragover", ["text/plain"]);
    document.body.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(false);
    document.body.dispatchEvent(drag("drop", ["text/plain"]));
    expect(attach).not.toHaveBeenCalled();
  });

  it("leaves a drop the widget took itself to the widget", () => {
    acceptDrops(win, attach);
    const zone = document.body.appendChild(document.createElement("div"));
    zone.addEventListener("drop", (e) => e.preventDefault());
    zone.dispatchEvent(drag("drop", ["Files"], fileList("a.png")));
    expect(attach).not.toHaveBeenCalled();
  });
});

describe("attachWithInput", () => {
  it("puts the files in the widget's file input and tells the widget, as the file dialog would", () => {
    document.body.innerHTML = `<form><input type="text"><input type="file" multiple></form>`;
    const input = document.querySelector<HTMLInputElement>('input[type="file"]') as HTMLInputElement;
    let set: FileList | undefined;
    Object.defineProperty(input, "files", { set: (v: FileList) => (set = v), get: () => set });
    const heard: string[] = [];
    document.body.addEventListener("input", () => heard.push("input"));
    document.body.addEventListener("change", () => heard.push("change"));
    const files = fileList("a.png", "b.pdf");
    expect(attachWithInput(document)(files)).toBe(true);
    expect(set).toBe(files);
    expect(heard).toEqual(["input", "change"]);
  });

  it("says so where the widget has no attachment input", () => {
    document.body.innerHTML = `<form><input type="text"><input type="file" disabled></form>`;
    expect(attachWithInput(document)(fileList("a.png"))).toBe(false);
  });
});
