// Types of esbuild.options.mjs, for the TypeScript that imports it (test/unit/bundle.test.ts).
import type { BuildOptions } from "esbuild"

export declare const shippedEntryPoints: { readonly extension: string; readonly engine: string; readonly demoSimulator: string; readonly replicaWorker: string }
export declare const deepenEffectImports: (source: string) => string
export declare const bundleOptions: BuildOptions & { readonly plugins: NonNullable<BuildOptions["plugins"]> }
export declare const shippedBuildOptions: BuildOptions & { readonly plugins: NonNullable<BuildOptions["plugins"]> }
