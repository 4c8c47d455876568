package dev.envelope.agent.schema;

/** One keyword of a schema object, compiled. */
interface Keyword extends Validator {}
