import { Command } from "effect/cli"
import { applyCommand } from "./commands/ApplyCommand.js"
import { companiesExport } from "./commands/CompaniesExport.js"
import { companiesQuery } from "./commands/CompaniesQuery.js"
import { companiesSync } from "./commands/CompaniesSync.js"
import { companiesList, segmentsList, tagsList } from "./commands/ListCommands.js"
import { planCommand } from "./commands/PlanCommand.js"
import { simulatorCommand } from "./commands/SimulatorCommand.js"
import { undoCommand } from "./commands/UndoCommand.js"
import { exitCodeHelp } from "./ExitCodes.js"
import { globalFlags } from "./GlobalOptions.js"

export const version = "0.1.0"

const companies = Command.make("companies").pipe(
  Command.withDescription("Export, list, sync to the local replica, or query the replica for the workspace's companies"),
  Command.withSubcommands([companiesExport, companiesList, companiesSync, companiesQuery])
)

const tags = Command.make("tags").pipe(
  Command.withDescription("The workspace's tags"),
  Command.withSubcommands([tagsList])
)

const segments = Command.make("segments").pipe(
  Command.withDescription("The workspace's segments"),
  Command.withSubcommands([segmentsList])
)

/** The whole command tree. The global flags (GlobalOptions.ts) are accepted anywhere on the line. */
export const cli = Command.make("intercom-explorer").pipe(
  Command.withDescription(
    "A command line over the Intercom Explorer client: export and list companies, sync them to a local replica " +
      "and query it, change many companies through reviewable plans (plan, apply, undo), list tags and segments, run the local simulator. The access token comes from INTERCOM_TOKEN, --token-file FILE or, on a terminal, " +
      `a hidden prompt (--token works too, with a warning), and is never printed. ${exitCodeHelp}`
  ),
  Command.withSubcommands([companies, planCommand, applyCommand, undoCommand, tags, segments, simulatorCommand]),
  Command.withGlobalFlags(globalFlags)
)
