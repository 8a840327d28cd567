import { type Effect, Exit, Schema, type SchemaAST } from "effect"

/*
 * A fast path for decoding many plain JSON objects with a plain schema (structs, literals,
 * strings, numbers, null, unknown, unions, arrays, records, JSON values, filter checks): a decoder
 * compiled once from the schema's AST that runs as straight JavaScript. It is only ever stricter
 * than the schema: whenever it cannot prove a value valid (or meets a node it does not know,
 * such as a transformation), it gives up and the real schema decoder runs, producing the real
 * result or the real error. A scroll page of companies decodes several times faster this way.
 */

const Fail: unique symbol = Symbol("FastDecoder.Fail")
type Fast = (input: unknown) => unknown

const noOptions: SchemaAST.ParseOptions = {}

const passes = (check: SchemaAST.Check<unknown>, value: unknown, ast: SchemaAST.AST): boolean =>
  check._tag === "Filter"
    ? check.run(value, ast, noOptions) === undefined
    : check.checks.every((inner) => passes(inner, value, ast))

const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** Effect's own JSON-value test, restated: null, booleans, finite numbers, strings, arrays, plain objects. */
const isJsonValue = (u: unknown, depth = 0): boolean => {
  if (u === null || typeof u === "string" || typeof u === "boolean") return true
  if (typeof u === "number") return Number.isFinite(u)
  if (depth > 64) return false
  if (Array.isArray(u)) return u.every((item) => isJsonValue(item, depth + 1))
  if (isPlainObject(u) && Object.getPrototypeOf(u) === Object.prototype) {
    for (const key in u) if (!isJsonValue(u[key], depth + 1)) return false
    return true
  }
  return false
}

const isJsonDeclaration = (ast: SchemaAST.Declaration) =>
  (ast.annotations?.representation as { id?: unknown } | undefined)?.id === "effect/schema/Json"

const compileBase = (ast: SchemaAST.AST): Fast => {
  switch (ast._tag) {
    case "Literal": {
      const literal = ast.literal
      return (u) => (u === literal ? u : Fail)
    }
    case "String":
      return (u) => (typeof u === "string" ? u : Fail)
    case "Number":
      return (u) => (typeof u === "number" && Number.isFinite(u) ? u : Fail)
    case "Boolean":
      return (u) => (typeof u === "boolean" ? u : Fail)
    case "Null":
      return (u) => (u === null ? u : Fail)
    case "Unknown":
    case "Any":
      // The schema accepts any value and returns it unchanged.
      return (u) => u
    case "Union": {
      // Effect picks the first member that decodes. If some member holds a node this path cannot
      // check (a transformation), skipping it could let a later member win where the schema's
      // would not: such unions are left to the schema whole. So are "oneOf" unions, which fail
      // when a second member also decodes.
      if (!isCompilable(ast)) return () => Fail
      const members = ast.types.map(compile)
      return (u) => {
        for (const member of members) {
          const out = member(u)
          if (out !== Fail) return out
        }
        return Fail
      }
    }
    case "Arrays": {
      if (ast.elements.length !== 0 || ast.rest.length !== 1) return () => Fail
      const item = compile(ast.rest[0]!)
      return (u) => {
        if (!Array.isArray(u)) return Fail
        const out = new Array(u.length)
        for (let i = 0; i < u.length; i++) {
          const decoded = item(u[i])
          if (decoded === Fail) return Fail
          out[i] = decoded
        }
        return out
      }
    }
    case "Objects":
      return compileObjects(ast)
    case "Declaration":
      return isJsonDeclaration(ast) ? (u) => (isJsonValue(u) ? u : Fail) : () => Fail
    default:
      return () => Fail
  }
}

/** Whether every node under `ast` is one the fast path knows (it may still reject values). */
const isCompilable = (ast: SchemaAST.AST): boolean => {
  if (ast.encoding !== undefined) return false
  switch (ast._tag) {
    case "Literal":
    case "String":
    case "Number":
    case "Boolean":
    case "Null":
    case "Unknown":
    case "Any":
      return true
    case "Union":
      return ast.options?.mode !== "oneOf" && ast.types.every(isCompilable)
    case "Arrays":
      return ast.elements.length === 0 && ast.rest.length === 1 && isCompilable(ast.rest[0]!)
    case "Objects":
      return ast.propertySignatures.every((p) => typeof p.name === "string" && p.name !== "__proto__" && isCompilable(p.type)) &&
        ast.indexSignatures.length <= 1 &&
        ast.indexSignatures.every((i) => i.parameter._tag === "String" && i.parameter.checks === undefined && isCompilable(i.type))
    case "Declaration":
      return isJsonDeclaration(ast)
    default:
      return false
  }
}

const compileObjects = (ast: SchemaAST.Objects): Fast => {
  const properties: Array<{ name: string; optional: boolean; decode: Fast }> = []
  for (const p of ast.propertySignatures) {
    // `out.__proto__ = v` would set the prototype, not a key: left to the schema.
    if (typeof p.name !== "string" || p.name === "__proto__") return () => Fail
    properties.push({ name: p.name, optional: p.type.context?.isOptional === true, decode: compile(p.type) })
  }
  if (ast.indexSignatures.length > 1) return () => Fail
  const index = ast.indexSignatures[0]
  if (index !== undefined && (index.parameter._tag !== "String" || index.parameter.checks !== undefined)) {
    return () => Fail
  }
  const indexValue = index === undefined ? undefined : compile(index.type)
  const names = new Set(properties.map((p) => p.name))
  // Straight-line code with constant property names keeps V8's property accesses monomorphic,
  // which a loop over names cannot: several times faster on thousands of same-shaped objects.
  // Names only ever appear as JSON string literals, never as code.
  const lines = properties.map((p, i) => {
    const key = JSON.stringify(p.name)
    const absent = p.optional ? `if (!hasOwn(u, ${key})) {} else return Fail` : "return Fail"
    return `v = u[${key}]; if (v === undefined) { ${absent} } else { d = decoders[${i}](v); if (d === Fail) return Fail; out[${key}] = d }`
  })
  const body = [
    "if (typeof u !== 'object' || u === null || Array.isArray(u)) return Fail",
    "const out = {}; let v; let d",
    ...lines,
    // JSON.parse makes "__proto__" an own key; assigning it would replace out's prototype instead.
    "if (indexValue !== undefined) for (const key of Object.keys(u)) { if (names.has(key)) continue; if (key === '__proto__') return Fail; d = indexValue(u[key]); if (d === Fail) return Fail; out[key] = d }",
    "return out"
  ].join("\n")
  const make = new Function("Fail", "decoders", "indexValue", "names", "hasOwn", `return (u) => {\n${body}\n}`) as (
    fail: typeof Fail,
    decoders: ReadonlyArray<Fast>,
    indexValue: Fast | undefined,
    names: ReadonlySet<string>,
    hasOwn: (o: object, key: string) => boolean
  ) => Fast
  return make(Fail, properties.map((p) => p.decode), indexValue, names, Object.hasOwn)
}

function compile(ast: SchemaAST.AST): Fast {
  // Transformations (and encodings) change values: only the real decoder knows them.
  if (ast.encoding !== undefined) return () => Fail
  const base = compileBase(ast)
  const checks = ast.checks
  if (checks === undefined) return base
  return (u) => {
    const out = base(u)
    if (out === Fail) return Fail
    for (const check of checks) if (!passes(check, out, ast)) return Fail
    return out
  }
}

/**
 * A decoder for `schema` with the same results as `Schema.decodeUnknownEffect(schema)`, faster on
 * values the fast path can prove valid.
 */
export const makeFastDecoder = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) => {
  const fast = compile(schema.ast)
  const full = Schema.decodeUnknownEffect(schema)
  return (input: unknown): Effect.Effect<S["Type"], Schema.SchemaError> => {
    const out = fast(input)
    return out === Fail ? full(input) : Exit.succeed(out as S["Type"])
  }
}

/** Exposed for the differential tests: the fast path alone, `undefined` when it gives up. */
export const fastPathOnly = (schema: Schema.Top) => {
  const fast = compile(schema.ast)
  return (input: unknown): { readonly value: unknown } | undefined => {
    const out = fast(input)
    return out === Fail ? undefined : { value: out }
  }
}
