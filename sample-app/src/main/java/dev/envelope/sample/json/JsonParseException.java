package dev.envelope.sample.json;

/** Thrown when a text is not one well-formed JSON value within the parser's limits. */
public final class JsonParseException extends RuntimeException {

  private final int offset;

  JsonParseException(String message, int offset) {
    super(message + " at offset " + offset);
    this.offset = offset;
  }

  /** The character offset in the input where the problem was found. */
  public int offset() {
    return offset;
  }
}
