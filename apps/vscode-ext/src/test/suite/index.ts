// The Mocha runner VS Code loads in the extension host (extensionTestsPath = dist/test/suite/index.js).
// It resolves when every test passed and rejects otherwise; VS Code turns that into the exit code.
//
// Env (passed through test-harness/runIntegration.mjs -> the shim -> code-server -> extension host):
//   INTERCOM_TEST_REPORT   write the counts here, in the shape of vitest's JSON reporter, for
//                          scripts/test-summary.mjs
//   INTERCOM_TEST_GREP     run only the tests whose full title matches this regular expression
import Mocha from "mocha"
import * as fs from "node:fs"
import * as path from "node:path"
import { testFiles } from "virtual:test-files"
import * as vscode from "vscode"

export async function run(): Promise<void> {
  // The suites test the listing from Intercom (what the view shows before a replica exists); a
  // background sync would turn each into a replica test. replica.test.ts turns it on for itself.
  await vscode.workspace.getConfiguration("intercom").update("replica.autoSync", false, vscode.ConfigurationTarget.Global)
  const mocha = new Mocha({ ui: "tdd", color: false, reporter: "spec", timeout: 20_000 })
  const grep = process.env["INTERCOM_TEST_GREP"]
  if (grep) mocha.grep(new RegExp(grep))

  // The test files are bundled into this file; each is evaluated only here, after Mocha's
  // "pre-require" has put suite/test/setup/teardown on the global object, as loading a file would.
  for (const file of testFiles) {
    mocha.suite.emit("pre-require", globalThis, file.name, mocha)
    mocha.suite.emit("require", file.load(), file.name, mocha)
    mocha.suite.emit("post-require", globalThis, file.name, mocha)
  }

  const startTime = Date.now()
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      writeReport(runner.stats, failures, startTime)
      if (failures > 0) reject(new Error(`${failures} of ${runner.total} tests failed.`))
      else if (runner.total === 0) reject(new Error("No tests ran (INTERCOM_TEST_GREP matched nothing?)."))
      else resolve()
    })
  })
}

function writeReport(stats: Mocha.Stats | undefined, failures: number, startTime: number): void {
  const file = process.env["INTERCOM_TEST_REPORT"]
  if (!file) return
  const passed = stats?.passes ?? 0
  const pending = stats?.pending ?? 0
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        numTotalTests: passed + failures + pending,
        numPassedTests: passed,
        numFailedTests: failures,
        numPendingTests: pending,
        numTodoTests: 0,
        startTime,
        success: failures === 0 && passed > 0,
        runner: "mocha (VS Code extension host)"
      },
      null,
      2
    )
  )
}
