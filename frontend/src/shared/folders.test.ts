// @vitest-environment node
// The folders say which document runs the code: the app's page (page/), the widget's frame
// (frame/), or both (shared/). A page module that imported a frame module would put the frame's
// code in the page's bundle (and the other way round), so each stays in its room.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("..", import.meta.url));
const imports = (folder: string) =>
  readdirSync(`${src}/${folder}`)
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => [...readFileSync(`${src}/${folder}/${f}`, "utf8").matchAll(/from "(\.{1,2}\/[^"]+)"/g)].map((m) => `${folder}/${f} → ${m[1]}`));

describe("the source folders", () => {
  it.each([
    ["page", /"\.\.\/frame\//],
    ["frame", /"\.\.\/page\//],
    ["shared", /"\.\.\/(page|frame)\//],
  ])("%s imports nothing of the other document", (folder, forbidden) => {
    const all = imports(folder);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((line) => forbidden.test(`"${line.split(" → ")[1]}`))).toEqual([]);
  });
});
