package dev.envelope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value is never captured: the envelope records {@code "[REDACTED]"} and lists the key in
 * {@code redacted}. On a field the mark also covers its getter; on a record component Java carries
 * it to both.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Sensitive {}
