package dev.envelope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a step that resolves what the backend grants. While an envelope is current, the return
 * value (or, for a {@code void} method, its {@link Granted} parameters) is merged into
 * {@code granted}; the keys named in {@link #resolution()} go into {@code resolution} instead. The
 * envelope's phase becomes {@code resolved}. Without a current envelope nothing is recorded.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Grant {

  /** Keys (snake_case, as captured) that describe resolution rather than granted resources. */
  String[] resolution() default {};
}
