// Pure, so that it is unit-tested without VS Code. Returns the message the input box shows, or
// undefined when the value is acceptable (the `validateInput` contract of `showInputBox`).

export const validateToken = (value: string): string | undefined => {
  if (value.length === 0) return "Paste your Intercom access token."
  // Tokens are base64 text; whitespace means a copy/paste accident (a trailing newline, two tokens),
  // which would otherwise surface much later as a confusing 401.
  if (/\s/.test(value)) return "The access token must not contain spaces or line breaks."
  return undefined
}
