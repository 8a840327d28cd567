import { describe, expect, it } from "vitest"
import { type Column, renderTable, tableHeader, tableRow, tableWidths } from "../src/output/Table.js"

interface Row {
  readonly name: string
  readonly plan: string
  readonly spend: number
}

const columns: ReadonlyArray<Column<Row>> = [
  { header: "NAME", value: (r) => r.name, maxWidth: 30 },
  { header: "PLAN", value: (r) => r.plan },
  { header: "SPEND", value: (r) => r.spend, numeric: true }
]

const rows: ReadonlyArray<Row> = [
  { name: "A company with a rather long name indeed", plan: "Enterprise", spend: 12 },
  { name: "Short", plan: "Pro", spend: 123456 }
]

describe("Table", () => {
  it("sizes columns from the rows, cuts long text with …, right-aligns numbers", () => {
    expect(renderTable(columns, rows).split("\n")).toEqual([
      "NAME                            PLAN         SPEND",
      "------------------------------  ----------  ------",
      "A company with a rather long …  Enterprise      12",
      "Short                           Pro         123456"
    ])
  })

  it("narrows the widest text columns to fit a terminal, never below their header or 6", () => {
    const widths = tableWidths(columns, rows, 30)
    expect(widths).toEqual([10, 10, 6]) // 10 + 2 + 10 + 2 + 6 = 30: the widest gives way first, then both in turn
    expect(tableWidths(columns, rows, 40)).toEqual([20, 10, 6])
    const lines = [tableHeader(columns, [20, 10, 6]), ...rows.map((row) => tableRow(columns, [20, 10, 6], row))].join("\n").split("\n")
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40)
    expect(lines[2]).toBe("A company with a ra…  Enterprise      12")
  })

  it("keeps the widths of the first batch for later rows (a streamed table); a wider number only shifts its row", () => {
    const widths = tableWidths(columns, rows.slice(0, 1))
    expect(tableRow(columns, widths, { name: "Later", plan: "Pro", spend: 1_000_000 })).toBe(
      "Later                           Pro         1000000"
    )
  })
})
