// Types of png.mjs, for test/unit/png.test.ts.
export declare const decodePng: (png: Buffer) => { width: number; height: number; rgba: Buffer }
export declare const shrinkPng: (png: Buffer) => Buffer
