package dev.envelope.agent.capture;

import java.lang.invoke.MethodHandle;

/** One readable property of a class: its envelope key, whether it is secret, how to read it. */
final class Property {
  final String key;
  final boolean sensitive;
  /** {@code (Object) -> Object}. */
  private final MethodHandle reader;

  Property(String key, boolean sensitive, MethodHandle reader) {
    this.key = key;
    this.sensitive = sensitive;
    this.reader = reader;
  }

  Object read(Object target) throws Throwable {
    return reader.invokeExact(target);
  }
}
