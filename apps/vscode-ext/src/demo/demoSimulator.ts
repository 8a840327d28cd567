// The entry of dist/demoSimulator.js: the Intercom simulator, bundled apart from dist/extension.js
// (esbuild.options.mjs) so that activation never loads it. DemoWorkspace requires it when the demo
// workspace starts.
export { startSimulator } from "@intercom-explorer/simulator"
