package dev.envelope.agent.capture;

/** Bounds on what one argument may add to an envelope. */
public final class CaptureLimits {
  public static final CaptureLimits DEFAULTS = new CaptureLimits(64, 256, 3, 32);

  /*
   * The most each limit may be: far above any real need (an event line stays under 64 KiB anyway),
   * and far below where the arrays and visit budgets sized from a limit would grow huge or overflow.
   */
  public static final int MOST_KEYS = 4096;
  public static final int MOST_STRING_LENGTH = 65_536;
  public static final int MOST_DEPTH = 64;
  public static final int MOST_COLLECTION_SIZE = 4096;

  /** Map keys and property names longer than this are cut: a key is a label, not data. */
  static final int MAX_KEY_LENGTH = 128;

  private final int maxKeys;
  private final int maxStringLength;
  private final int maxDepth;
  private final int maxCollectionSize;

  public CaptureLimits(int maxKeys, int maxStringLength, int maxDepth, int maxCollectionSize) {
    this.maxKeys = within("max_keys", maxKeys, MOST_KEYS);
    this.maxStringLength = within("max_string_length", maxStringLength, MOST_STRING_LENGTH);
    this.maxDepth = within("max_depth", maxDepth, MOST_DEPTH);
    this.maxCollectionSize = within("max_collection_size", maxCollectionSize, MOST_COLLECTION_SIZE);
  }

  private static int within(String name, int value, int most) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
    if (value > most) {
      throw new IllegalArgumentException(name + " must be at most " + most + ", not " + value);
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
