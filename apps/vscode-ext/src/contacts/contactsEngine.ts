// The contacts feature's code in the engine (dist/engine.js), reached through `engine().contacts`:
// the company document's contacts data, Add Note..., and the event the document re-renders on.
export { addNote } from "./AddNoteCommand"
export {
  type CompanyContact,
  companyContacts,
  type CompanyContactsOptions,
  type CompanyContactsView,
  contactLabel,
  loadCompanyContacts
} from "./CompanyContacts"
export { companyContactsChanged, onDidChangeCompanyContacts } from "./ContactEvents"
