// Signals to whole process groups (a child spawned with `detached: true` leads its own), so that a
// stop reaches the grandchildren too: code-server's workers, npm's node-gyp, vsce's packager.

/** Sends SIGNAL to the group PID leads; a group already gone is not an error. */
export const signalGroup = (pid, signal) => {
  try {
    process.kill(-pid, signal)
  } catch {}
}

/** Whether any process of the group PID leads is still alive. */
export const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
