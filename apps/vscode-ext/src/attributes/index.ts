// Typed custom attributes on the engine side: the workspace's definitions and the prompt that
// creates undefined ones before a write.
export { AttributeDefinitions, attributeDefinitionsOf } from "./AttributeDefinitions"
export { confirmAttributeCreation } from "./UndefinedAttributePrompt"
