// A small driver for the real VS Code workbench (code-server + headless chromium), for UI checks.
// It hides the selectors that were found to work on VS Code 1.139 behind names from the domain of a
// tree-view extension: containers, views, rows, inline actions, the quick input, the command palette.
//
//   const wb = await Workbench.start({ settings: { "intercom.baseUrl": url } })
//   await wb.openContainer("Intercom")
//   const row = wb.treeRow("Companies", "Acme")
//   await wb.clickInlineAction(row, "Rename Company")
//   await wb.typeInQuickInput("Acme Inc")
//   await wb.screenshot("renamed")
//   await wb.stop()
//
// Selector notes (VS Code 1.139 web):
// - a view is a `.pane` whose `.pane-header` has aria-label "<view name> Section";
// - a tree is role=tree named after the view; a row's accessible name is its TreeItem tooltip (or
//   accessibilityInformation), NOT its label, so rows are matched on the visible `.label-name`;
// - inline actions appear on hover/selection as role=button named after the command title.
import fs from "node:fs"
import path from "node:path"
import { launchBrowser } from "../lib/browser.mjs"
import { installExtension, startCodeServer, writeUserSettings } from "../lib/codeServer.mjs"
import { ARTIFACTS_DIR, EXTENSION_DIR, makeScratch, VSIX_PATH } from "../lib/env.mjs"

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
const exactly = (text) => (text instanceof RegExp ? text : new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`))

export class Workbench {
  /**
   * Starts code-server with the extension and opens the workbench in chromium.
   *
   * options:
   *   extension   "vsix" (default): install the packaged intercom-explorer.vsix, as a user would;
   *               "dev": load apps/vscode-ext as a development extension (payload), no packaging needed
   *   vsix        path of the .vsix (default apps/vscode-ext/intercom-explorer.vsix)
   *   developmentPath  the extension folder for "dev" (default apps/vscode-ext)
   *   extensionTestsPath  with "dev": a script run in the extension host (extensionTestsPath payload);
   *               the extension host stops when its run() settles
   *   settings    extra user settings, e.g. { "intercom.baseUrl": "http://127.0.0.1:4010" }
   *   folder      workspace folder to open (default: an empty scratch folder)
   *   env         extra environment for code-server and so for the extension host
   *   artifacts   screenshot folder (default apps/vscode-ext/artifacts/ui)
   *   viewport    { width, height } (default 1400 x 900)
   */
  static async start(options = {}) {
    const wb = new Workbench(options)
    try {
      await wb.#start()
      return wb
    } catch (error) {
      await wb.stop({ failed: true })
      throw error
    }
  }

  #options
  #scratch
  #server
  #context
  /** The playwright Page of the workbench; use it directly for anything the driver does not cover. */
  page
  /** Folder the screenshots go to. */
  artifacts
  /** Browser console errors and page errors seen so far, for checks that want a clean console. */
  consoleErrors = []

  constructor(options) {
    this.#options = { extension: "vsix", vsix: VSIX_PATH, developmentPath: EXTENSION_DIR, settings: {}, env: {}, ...options }
    this.artifacts = options.artifacts ?? path.join(ARTIFACTS_DIR, "ui")
  }

  async #start() {
    const o = this.#options
    this.#scratch = makeScratch("intercom-ui")
    const userDataDir = this.#scratch.dir("user-data")
    const extensionsDir = this.#scratch.dir("extensions")
    const folder = o.folder ?? this.#scratch.dir("workspace")
    writeUserSettings(userDataDir, o.settings)
    if (o.extension === "vsix") installExtension(o.vsix, { scratch: this.#scratch, userDataDir, extensionsDir })

    this.#server = await startCodeServer({
      scratch: this.#scratch,
      userDataDir,
      extensionsDir,
      smokeTestDriver: o.extension === "dev",
      env: o.env
    })
    let url = `${this.#server.url}/?folder=${encodeURIComponent(folder)}`
    if (o.extension === "dev") {
      const payload = [["extensionDevelopmentPath", this.#server.remoteUri(o.developmentPath)]]
      // A script the extension host runs next to the extension (the bench's in-host timings).
      if (o.extensionTestsPath) payload.push(["extensionTestsPath", this.#server.remoteUri(o.extensionTestsPath)])
      url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`
    }

    const { context, page } = await launchBrowser(this.#scratch, { viewport: o.viewport })
    this.#context = context
    this.page = page
    // Generous: under `pnpm test` at the root, other packages' suites share the CPUs.
    page.setDefaultTimeout(30_000)
    page.on("pageerror", (e) => this.consoleErrors.push(`pageerror: ${e.message}`))
    page.on("console", (m) => {
      if (m.type() === "error") this.consoleErrors.push(m.text())
    })
    await page.goto(url)
    // About 5 s on 2 cores: a fresh profile compiles the whole workbench bundle.
    await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 })
    // The activity bar is rendered once the workbench has restored its layout.
    await page.locator(".activitybar").waitFor()
  }

  /** Stops chromium and code-server (its whole process group); keeps the scratch dir when `failed`. */
  async stop({ failed = false } = {}) {
    await this.#context?.close().catch(() => {})
    await this.#server?.stop()
    const kept = this.#scratch && !this.#scratch.dispose({ keep: failed })
    if (kept) console.error(`    scratch dir kept: ${this.#scratch.root} (code-server log: ${this.#server?.logFile})`)
  }

  /** The code-server log file, for diagnostics. */
  get serverLog() {
    return this.#server?.logFile
  }

  // ---- activity bar and views ---------------------------------------------------------------------

  /** The activity-bar entry of a view container, by its title (package.json viewsContainers title). */
  activityTab(title) {
    return this.page.locator(".activitybar").getByRole("tab", { name: title })
  }

  /** Shows a view container in the side bar (clicking its icon only if it is not already showing). */
  async openContainer(title = "Intercom") {
    const tab = this.activityTab(title)
    await tab.waitFor()
    if ((await tab.getAttribute("aria-selected")) !== "true") await tab.click()
    // A container with a single view shows "<container>: <view>" as its title.
    const heading = new RegExp(`^\\s*${escapeRegExp(title)}(:.*)?\\s*$`)
    await this.page.locator("#workbench\\.parts\\.sidebar .composite.title h2", { hasText: heading }).waitFor()
  }

  /** A view's pane (header + body) in the side bar, by view name (package.json views name). */
  view(name) {
    return this.page.locator(".pane").filter({ has: this.viewHeader(name) })
  }

  /**
   * A view's header, by its title. (Its aria-label is "<name> Section", or "<name> - <description>
   * Section" once the view has a description, so the title element is what is matched.)
   */
  viewHeader(name) {
    return this.page.locator(".pane-header").filter({ has: this.page.locator("h3.title", { hasText: exactly(name) }) })
  }

  /** Expands a collapsed view (its body is not rendered while collapsed). */
  async expandView(name) {
    const header = this.viewHeader(name)
    if ((await header.getAttribute("aria-expanded")) !== "true") await header.click()
    await header.and(this.page.locator('[aria-expanded="true"]')).waitFor()
  }

  /** A view's description (the grey text after its title in the header), e.g. "50 of 260 with users". */
  async viewDescription(name) {
    return (await this.viewHeader(name).locator(".description").innerText().catch(() => "")).trim()
  }

  /** The viewsWelcome content of a view (visible only while its `when` clause holds). */
  welcome(viewName) {
    return this.view(viewName).locator(".welcome-view-content")
  }

  /** A button of a view's welcome content, e.g. welcomeButton("Companies", "Sign in"). */
  welcomeButton(viewName, text) {
    return this.welcome(viewName).getByRole("button", { name: exactly(text) })
  }

  /** A view-title action (the icons in a view's header, shown on hover), by command title. */
  async clickViewTitleAction(viewName, title) {
    // With one visible view the pane header is hidden and its actions move to the side bar's title.
    const header = this.viewHeader(viewName)
    const bar = (await header.isVisible()) ? header : this.page.locator("#workbench\\.parts\\.sidebar .composite.title")
    await bar.hover()
    await bar.getByRole("button", { name: title }).click()
  }

  // ---- trees --------------------------------------------------------------------------------------

  /** The tree of a view, by view name. */
  tree(viewName) {
    return this.page.getByRole("tree", { name: viewName })
  }

  /** Rows of a view's tree that are rendered now (the list is virtualized: only visible rows exist). */
  treeRows(viewName) {
    return this.tree(viewName).getByRole("treeitem")
  }

  /** The row whose visible label is exactly `label` (string) or matches it (RegExp). */
  treeRow(viewName, label) {
    return this.treeRows(viewName).filter({ has: this.page.locator(".label-name", { hasText: exactly(label) }) })
  }

  /** Visible labels of the rendered rows, top to bottom. */
  async treeLabels(viewName) {
    return (await this.tree(viewName).locator(".monaco-list-row .label-name").allInnerTexts()).map((s) => s.trim())
  }

  /** The description (grey text after the label) of a row. */
  async rowDescription(row) {
    return (await row.locator(".label-description").innerText().catch(() => "")).trim()
  }

  /**
   * Expands a collapsed row and waits until VS Code reports it expanded and its children are no longer
   * loading. The child rows may render a frame later: wait for a specific child row before reading labels.
   */
  async expandRow(row) {
    if ((await row.getAttribute("aria-expanded")) === "false") {
      await row.locator(".monaco-tl-twistie").click()
    }
    await row.and(this.page.locator('[aria-expanded="true"]')).waitFor()
    await row.locator(".monaco-tl-twistie.codicon-tree-item-loading").waitFor({ state: "detached" })
  }

  /** Hovers a row and clicks one of its inline actions, by command title. */
  async clickInlineAction(row, title) {
    await row.hover()
    await row.getByRole("button", { name: title }).click()
  }

  /** Opens a row's context menu and clicks an entry, by command title. */
  async clickContextMenu(row, title) {
    await row.click({ button: "right" })
    const menu = this.page.locator(".context-view .monaco-menu")
    const item = menu.getByRole("menuitem", { name: title })
    // A plain click on a menu item is ignored by VS Code's web menus (seen on 1.139); hovering focuses
    // the item and Enter runs it, like a keyboard user would.
    await item.hover()
    await menu.locator(".action-item.focused").getByRole("menuitem", { name: title }).waitFor()
    await this.page.keyboard.press("Enter")
    await menu.waitFor({ state: "hidden" })
  }

  // ---- quick input and command palette ------------------------------------------------------------

  /** The quick input widget (showInputBox, showQuickPick, command palette). */
  quickInput() {
    return this.page.locator(".quick-input-widget")
  }

  /** The text field of the quick input; wait for it before reading attributes. */
  quickInputBox() {
    return this.quickInput().locator("input.input")
  }

  /** Types into the open quick input (e.g. a showInputBox) and presses Enter unless submit is false. */
  async typeInQuickInput(text, { submit = true } = {}) {
    const input = this.quickInputBox()
    await input.waitFor({ state: "visible" })
    await input.fill(text)
    if (submit) {
      await input.press("Enter")
      await this.quickInput().waitFor({ state: "hidden" })
    }
  }

  /**
   * Picks a file in VS Code's own file dialog (the browser has no native one) by typing its path.
   * The dialog fills its box with the folder it lists while loading, which can replace a path typed
   * at that moment: the path is typed again until it stays, and the dialog asked again to accept
   * until it closes.
   */
  async pickFileInDialog(file) {
    const input = this.quickInputBox()
    await input.waitFor({ state: "visible" })
    for (let attempt = 0; attempt < 5 && (await input.inputValue()) !== file; attempt++) {
      await input.fill(file)
      await this.page.waitForTimeout(300)
    }
    // Still the dialog (its box holds the path or its folder), not the prompt that follows it.
    const folder = file.slice(0, file.lastIndexOf("/"))
    const inDialog = async () => (await this.quickInput().isVisible()) && (await input.inputValue().catch(() => "")).startsWith(folder)
    for (let attempt = 0; attempt < 5 && (await inDialog()); attempt++) {
      await input.press("Enter")
      await this.page.waitForTimeout(1_000)
    }
  }

  /** The validation message of the open input box, or "" when there is none. */
  async quickInputMessage() {
    return (await this.quickInput().locator(".quick-input-message").innerText().catch(() => "")).trim()
  }

  /** Picks an item of an open QuickPick by its label. */
  async pickQuickItem(label) {
    const row = this.quickInput().locator(".quick-input-list .monaco-list-row").filter({
      has: this.page.locator(".label-name", { hasText: exactly(label) })
    })
    await row.first().click()
  }

  /** Runs a command from the command palette (F1) by its full title, e.g. "Intercom: Sign In". */
  async runCommand(title) {
    await this.#focusWorkbench()
    await this.page.keyboard.press("F1")
    const input = this.quickInputBox()
    await input.waitFor({ state: "visible" })
    await input.fill(`>${title}`)
    const entry = this.quickInput()
      .locator(".quick-input-list .monaco-list-row")
      .filter({ has: this.page.locator(".label-name", { hasText: exactly(title) }) })
      .first()
    await entry.waitFor()
    await entry.click()
  }

  /** Closes whatever quick input is open. */
  async dismissQuickInput() {
    if (await this.quickInput().isVisible()) {
      await this.page.keyboard.press("Escape")
      await this.quickInput().waitFor({ state: "hidden" })
    }
  }

  async #focusWorkbench() {
    // Keyboard shortcuts go to the focused element; a quick input may hold focus from a previous step.
    await this.dismissQuickInput()
    await this.page.locator(".monaco-workbench").focus().catch(() => {})
  }

  // ---- notifications, output, screenshots --------------------------------------------------------

  /**
   * Messages of the notifications shown so far: the toasts, or with extension "dev" the notification
   * center, because the workbench suppresses toasts under the smoke-test driver the payload needs.
   */
  async notifications() {
    return (await (await this.#notificationMessages()).allInnerTexts()).map((s) => s.trim())
  }

  /** Waits for a notification whose message contains `text`. */
  async waitForNotification(text) {
    await (await this.#notificationMessages()).filter({ hasText: text }).first().waitFor()
  }

  /** Opens the notification center (the bell in the status bar) unless it is open. */
  async showNotificationsCenter() {
    if (await this.page.locator(".notifications-center.visible").isVisible()) return
    await this.page.locator("#status\\.notifications").click()
    await this.page.locator(".notifications-center.visible").waitFor()
  }

  async #notificationMessages() {
    if (this.#options.extension === "dev") await this.showNotificationsCenter()
    return this.page.locator(
      ".notification-toast .notification-list-item-message, .notifications-center.visible .notification-list-item-message"
    )
  }

  /** The text of the Output panel (the channel shown last). */
  async outputText() {
    const lines = this.page.locator(".part.panel .output-view .view-lines, .part.panel .monaco-editor .view-lines").first()
    await lines.waitFor()
    // The editor renders spaces as no-break spaces.
    return (await lines.innerText()).replace(/\u00a0/g, " ")
  }

  /** Saves <artifacts>/<name>.png and returns its path. */
  async screenshot(name) {
    fs.mkdirSync(this.artifacts, { recursive: true })
    const file = path.join(this.artifacts, `${name.replace(/[^\w.-]+/g, "-")}.png`)
    await this.page.screenshot({ path: file })
    return file
  }
}
