package dev.envelope.agent.json;

/** Text that is not one well-formed JSON value; the message says what and the offset where. */
public final class JsonSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public JsonSyntaxException(String problem, int offset) {
    super(problem + " at offset " + offset, null, false, false);
    this.offset = offset;
  }

  /** The character offset in the text where reading stopped. */
  public int offset() {
    return offset;
  }
}
