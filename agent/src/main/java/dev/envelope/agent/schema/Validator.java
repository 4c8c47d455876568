package dev.envelope.agent.schema;

/** Checks an instance at {@code path} against one (sub)schema, adding what is wrong. */
@FunctionalInterface
interface Validator {
  void check(Object instance, String path, Problems problems);
}
