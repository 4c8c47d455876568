package dev.envelope.agent.capture;

/** Bounds on what one argument may add to an envelope. */
public final class CaptureLimits {
  public static final CaptureLimits DEFAULTS = new CaptureLimits(64, 256, 3, 32);

  /** Map keys and property names longer than this are cut: a key is a label, not data. */
  static final int MAX_KEY_LENGTH = 128;

  private final int maxKeys;
  private final int maxStringLength;
  private final int maxDepth;
  private final int maxCollectionSize;

  public CaptureLimits(int maxKeys, int maxStringLength, int maxDepth, int maxCollectionSize) {
    this.maxKeys = positive("max_keys", maxKeys);
    this.maxStringLength = positive("max_string_length", maxStringLength);
    this.maxDepth = positive("max_depth", maxDepth);
    this.maxCollectionSize = positive("max_collection_size", maxCollectionSize);
  }

  private static int positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
    return value;
  }

  /** Keys per family. */
  public int maxKeys() {
    return maxKeys;
  }

  public int maxStringLength() {
    return maxStringLength;
  }

  /** How many levels of properties are followed below an argument. */
  public int maxDepth() {
    return maxDepth;
  }

  public int maxCollectionSize() {
    return maxCollectionSize;
  }
}
