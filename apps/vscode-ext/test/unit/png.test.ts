import zlib from "node:zlib"
import { describe, expect, it } from "vitest"
import { decodePng, shrinkPng } from "../../test-harness/lib/png.mjs"

const chunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, "latin1")
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}
const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** An RGBA PNG whose rows use filters none, sub and up in turn (as encoders do). */
const rgbaPng = (width: number, height: number, pixel: (x: number, y: number) => [number, number, number]) => {
  const rows: Array<Buffer> = []
  let previous = Buffer.alloc(width * 4)
  for (let y = 0; y < height; y++) {
    const line = Buffer.alloc(width * 4)
    for (let x = 0; x < width; x++) line.set([...pixel(x, y), 255], x * 4)
    const filter = y % 3
    const out = Buffer.alloc(width * 4)
    for (let i = 0; i < line.length; i++) {
      const predictor = filter === 1 ? (i >= 4 ? line[i - 4]! : 0) : filter === 2 ? previous[i]! : 0
      out[i] = (line[i]! - predictor) & 0xff
    }
    rows.push(Buffer.from([filter]), out)
    previous = line
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 6
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))])
}

/** The pixels of an indexed PNG written by shrinkPng (filters none and up), as RGB triples. */
const indexedPixels = (png: Buffer) => {
  const chunks = new Map<string, Array<Buffer>>()
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at)
    const type = png.toString("latin1", at + 4, at + 8)
    chunks.set(type, [...(chunks.get(type) ?? []), png.subarray(at + 8, at + 8 + length)])
    at += 12 + length
  }
  const header = chunks.get("IHDR")![0]!
  const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)]
  expect(header[9]).toBe(3)
  const palette = chunks.get("PLTE")![0]!
  const raw = zlib.inflateSync(Buffer.concat(chunks.get("IDAT")!))
  const out: Array<string> = []
  let previous = Buffer.alloc(width)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width + 1)]
    const line = Buffer.from(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)))
    if (filter === 2) for (let x = 0; x < width; x++) line[x] = (line[x]! + previous[x]!) & 0xff
    for (const index of line) out.push([...palette.subarray(index * 3, index * 3 + 3)].join(","))
    previous = line
  }
  return out
}

describe("shrinkPng (the README's screenshot)", () => {
  it("keeps every pixel of an image with at most 256 colours, as a smaller indexed PNG", () => {
    const colour = (x: number, y: number): [number, number, number] => [(x * 16) % 256, (y * 32) % 256, ((x + y) % 2) * 200]
    const png = rgbaPng(64, 48, colour)
    const small = shrinkPng(png)
    const expected = Array.from({ length: 48 }, (_, y) => Array.from({ length: 64 }, (_, x) => colour(x, y).join(","))).flat()
    expect(indexedPixels(small)).toEqual(expected)
    expect(small.length).toBeLessThan(png.length)
    expect(decodePng(png).rgba.length).toBe(64 * 48 * 4)
  })

  it("brings an image of many colours down to 256 close ones", () => {
    const colour = (x: number, y: number): [number, number, number] => [x, y, (x * y) % 256]
    const pixels = indexedPixels(shrinkPng(rgbaPng(256, 64, colour)))
    expect(new Set(pixels).size).toBeLessThanOrEqual(256)
    const error = pixels.reduce((sum, p, i) => {
      const [r, g, b] = p.split(",").map(Number) as [number, number, number]
      const [er, eg, eb] = colour(i % 256, Math.floor(i / 256))
      return sum + Math.abs(r - er) + Math.abs(g - eg) + Math.abs(b - eb)
    }, 0)
    expect(error / pixels.length).toBeLessThan(40)
  })
})
