import { describe, expect, it } from "vitest";
import { bypassList, bypassText } from "./settingsForm";

describe("the proxy bypass field", () => {
  it.each([
    ["", []],
    ["intranet.example.com", ["intranet.example.com"]],
    ["a.example, 10.0.0.0/8,b.example", ["a.example", "10.0.0.0/8", "b.example"]],
    ["  a.example \n b.example ,, ", ["a.example", "b.example"]],
  ])("%j holds the hosts %j", (text, hosts) => {
    expect(bypassList(text)).toEqual(hosts);
  });

  it("shows the saved hosts as they are typed", () => {
    expect(bypassText(["a.example", "10.0.0.0/8"])).toBe("a.example, 10.0.0.0/8");
    expect(bypassText(null)).toBe("");
    expect(bypassList(bypassText(["a.example", "b.example"]))).toEqual(["a.example", "b.example"]);
  });
});
