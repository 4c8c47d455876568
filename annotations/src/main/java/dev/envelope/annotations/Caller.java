package dev.envelope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The argument feeds the envelope's {@code caller} family: identity and request metadata of whoever asks.
 *
 * <p>A scalar argument is recorded under {@link #value()} (or its parameter name); an object is
 * flattened into snake_case keys, prefixed with {@link #value()} when given.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Caller {

  /** The key for a scalar argument, or a key prefix for an object; empty means none. */
  String value() default "";

  /**
   * Selection and renaming of the properties to capture, e.g. {@code "gpuCount"} or
   * {@code "principal.name->requester_urn"}. Empty means every scalar property.
   */
  String[] fields() default {};
}
