package dev.envelope.agent.schema;

/** A schema document that cannot be loaded, or that uses a keyword the validator does not know. */
public final class SchemaException extends Exception {
  private static final long serialVersionUID = 1L;

  public SchemaException(String message) {
    super(message);
  }
}
