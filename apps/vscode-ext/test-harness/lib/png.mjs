// Makes a screenshot small enough to keep in the repository (docs/): chromium's PNGs are RGBA with a
// fast deflate. A workbench screenshot has few colours (flat theme colours, anti-aliased text), so
// 256 colours chosen by median cut look the same, and an indexed PNG with the best filter per row and
// deflate level 9 is a fraction of the size. Plain Node (zlib), no image library.
import zlib from "node:zlib"

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const chunksOf = (png) => {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG")
  const chunks = []
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at)
    chunks.push({ type: png.toString("latin1", at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) })
    at += 12 + length
  }
  return chunks
}

const paeth = (a, b, c) => {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

/** The pixels of an 8-bit RGB or RGBA, non-interlaced PNG, as RGBA. */
export const decodePng = (png) => {
  const chunks = chunksOf(png)
  const header = chunks.find((c) => c.type === "IHDR").data
  const width = header.readUInt32BE(0)
  const height = header.readUInt32BE(4)
  const [depth, colorType, , , interlace] = [header[8], header[9], header[10], header[11], header[12]]
  if (depth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType})`)
  const channels = colorType === 6 ? 4 : 3
  const raw = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data)))
  const stride = width * channels
  const rgba = Buffer.alloc(width * height * 4)
  let previous = Buffer.alloc(stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)))
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0
      const b = previous[i]
      const c = i >= channels ? previous[i - channels] : 0
      const predictor = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0
      line[i] = (line[i] + predictor) & 0xff
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4
      rgba[o] = line[x * channels]
      rgba[o + 1] = line[x * channels + 1]
      rgba[o + 2] = line[x * channels + 2]
      rgba[o + 3] = channels === 4 ? line[x * channels + 3] : 255
    }
    previous = line
  }
  return { width, height, rgba }
}

/** Up to `size` colours for the image's distinct colours (median cut, weighted by pixel count). */
const medianCut = (counts, size) => {
  let boxes = [[...counts.entries()].map(([key, count]) => ({ rgb: [key >>> 16, (key >>> 8) & 0xff, key & 0xff], count }))]
  const spread = (box, channel) => {
    let min = 255
    let max = 0
    for (const { rgb } of box) {
      min = Math.min(min, rgb[channel])
      max = Math.max(max, rgb[channel])
    }
    return max - min
  }
  while (boxes.length < size) {
    // Split the box with the widest channel range (ties: the most pixels), at its pixel median.
    let best
    for (const box of boxes) {
      if (box.length < 2) continue
      const channel = [0, 1, 2].reduce((a, b) => (spread(box, b) > spread(box, a) ? b : a))
      const range = spread(box, channel)
      if (range > 0 && (best === undefined || range > best.range)) best = { box, channel, range }
    }
    if (best === undefined) break
    const sorted = [...best.box].sort((p, q) => p.rgb[best.channel] - q.rgb[best.channel])
    const total = sorted.reduce((sum, c) => sum + c.count, 0)
    let half = 0
    let cut = 1
    for (; cut < sorted.length - 1; cut++) {
      half += sorted[cut - 1].count
      if (half >= total / 2) break
    }
    boxes = boxes.filter((b) => b !== best.box).concat([sorted.slice(0, cut), sorted.slice(cut)])
  }
  return boxes.map((box) => {
    const total = box.reduce((sum, c) => sum + c.count, 0)
    return [0, 1, 2].map((i) => Math.round(box.reduce((sum, c) => sum + c.rgb[i] * c.count, 0) / total))
  })
}

const chunk = (type, data) => {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, "latin1")
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/** The PNG as an opaque, indexed PNG of at most 256 colours (exact when it has no more). */
export const shrinkPng = (png) => {
  const { width, height, rgba } = decodePng(png)
  const counts = new Map()
  for (let o = 0; o < rgba.length; o += 4) {
    const key = (rgba[o] << 16) | (rgba[o + 1] << 8) | rgba[o + 2]
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const palette = medianCut(counts, 256)
  const nearest = new Map()
  const indexOf = (key) => {
    let index = nearest.get(key)
    if (index === undefined) {
      const [r, g, b] = [key >>> 16, (key >>> 8) & 0xff, key & 0xff]
      let best = Infinity
      palette.forEach(([pr, pg, pb], i) => {
        const d = (r - pr) ** 2 + (g - pg) ** 2 + (b - pb) ** 2
        if (d < best) [best, index] = [d, i]
      })
      nearest.set(key, index)
    }
    return index
  }
  // Rows of palette indices, each with the filter (none or up) that leaves the smallest sum.
  const rows = []
  let previous = Buffer.alloc(width)
  for (let y = 0; y < height; y++) {
    const line = Buffer.alloc(width)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4
      line[x] = indexOf((rgba[o] << 16) | (rgba[o + 1] << 8) | rgba[o + 2])
    }
    const up = Buffer.alloc(width)
    for (let x = 0; x < width; x++) up[x] = (line[x] - previous[x]) & 0xff
    const cost = (b) => b.reduce((sum, v) => sum + (v < 128 ? v : 256 - v), 0)
    rows.push(cost(up) < cost(line) ? Buffer.concat([Buffer.from([2]), up]) : Buffer.concat([Buffer.from([0]), line]))
    previous = line
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 3 // indexed colour
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header),
    chunk("PLTE", Buffer.from(palette.flat())),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows), { level: 9, memLevel: 9 })),
    chunk("IEND", Buffer.alloc(0))
  ])
}
