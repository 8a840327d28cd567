export * from "./ErrorList.js"
export * from "./Ids.js"
