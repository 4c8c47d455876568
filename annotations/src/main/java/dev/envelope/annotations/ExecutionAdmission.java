package dev.envelope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method where a request is admitted. With the envelope agent attached, each call opens
 * one execution envelope (phase {@code admission}) from the annotated parameters; a normal return
 * finalizes it, an exception fails it. A method returning a {@code CompletionStage} reaches its
 * terminal phase when the stage completes. Without the agent the annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ExecutionAdmission {

  /** The kind of execution admitted. */
  ExecutionKind kind();

  /** The service that admits it, e.g. {@code "serving"}. */
  String service();

  /** The service-local operation; empty means the method name in snake_case. */
  String operation() default "";

  /**
   * Which properties of the return value go into {@code resolution} at finalization, in the syntax
   * of {@link Requested#fields()}. Empty means every scalar property.
   */
  String[] result() default {};
}
