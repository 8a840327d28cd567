import * as vscode from "vscode"

// The company document re-renders its contacts when they change here: a note added, a contact
// attached or detached. The emitter lives in the engine (dist/engine.js): code on the activation
// side subscribes through `engine().contacts.onDidChangeCompanyContacts`, never by importing this
// file, which would give the activation bundle a second emitter that nothing fires.

const changed = new vscode.EventEmitter<string>()

/** Fires with the Intercom id of a company whose contacts or their notes changed. */
export const onDidChangeCompanyContacts: vscode.Event<string> = changed.event

export const companyContactsChanged = (companyId: string): void => changed.fire(companyId)
