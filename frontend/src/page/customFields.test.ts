import { describe, expect, it } from "vitest";
import { addRow, fromRows, moveRow, removeRow, toRows, updateRow } from "./customFields";

const rows = [
  { id: "1", value: "a" },
  { id: "2", value: "b" },
  { id: "3", value: "c" },
];

describe("custom field list", () => {
  it("round-trips the profile's fields", () => {
    const fields = [{ id: 7, value: "VIP" }, { id: 9, value: "Київ" }];
    expect(fromRows(toRows(fields))).toEqual(fields);
    expect(toRows(null)).toEqual([]);
  });

  it("adds an empty row at the end", () => {
    expect(addRow(rows)).toEqual([...rows, { id: "", value: "" }]);
  });

  it("removes exactly the chosen row", () => {
    expect(removeRow(rows, 1)).toEqual([rows[0], rows[2]]);
    expect(removeRow(rows, 5)).toEqual(rows);
  });

  it.each([
    [0, 1, ["2", "1", "3"]],
    [2, -1, ["1", "3", "2"]],
    [0, -1, ["1", "2", "3"]],
    [2, 1, ["1", "2", "3"]],
    [-1, 1, ["1", "2", "3"]],
  ])("moves row %i by %i", (index, delta, ids) => {
    expect(moveRow(rows, index, delta).map((r) => r.id)).toEqual(ids);
  });

  it("edits one row without touching the others", () => {
    expect(updateRow(rows, 1, { value: "x" })).toEqual([rows[0], { id: "2", value: "x" }, rows[2]]);
    expect(rows[1].value).toBe("b");
  });

  it("sends an id that is not a whole number as 0 so Go names the error", () => {
    expect(fromRows([{ id: "abc", value: "v" }, { id: " 12 ", value: "w" }, { id: "1.5", value: "x" }])).toEqual([
      { id: 0, value: "v" },
      { id: 12, value: "w" },
      { id: 0, value: "x" },
    ]);
  });
});
