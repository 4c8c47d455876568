package dev.envelope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The argument feeds {@code extensions.<namespace>}: service-specific data kept out of the core
 * families. The namespace is dotted lower case (e.g. {@code "serving.vllm"}) and is not a core
 * family name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Extension {

  /** The namespace, dotted lower case. */
  String value();

  /** Selection and renaming, as in {@link Requested#fields()}. */
  String[] fields() default {};
}
