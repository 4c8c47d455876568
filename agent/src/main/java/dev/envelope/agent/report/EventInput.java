package dev.envelope.agent.report;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the lines of one events file: plain or gzip'd (told by its first bytes, not its name, so
 * {@code envelope-events.jsonl.3} compressed by logrotate reads too), or standard input for
 * {@code -}. A compressed file cut short ends at its last whole line.
 *
 * <p>Lines end at {@code \n} (a {@code \r} before it is dropped), as JSON Lines has it; a bare
 * {@code \r} is JSON whitespace, not a line end. A line longer than {@link #MAX_LINE_BYTES} bytes
 * is not kept, only reported: a file with no line breaks must not fill the heap. Lines that are
 * not valid UTF-8 are decoded with replacement characters and said to be so.
 */
public final class EventInput {
  /** The agent's lines stay under 64 KiB; anything this long is not an event line. */
  public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  /** Receives each line with its number. */
  public interface LineHandler {
    /** A line, decoded from UTF-8 (a malformed sequence as U+FFFD). */
    void line(String text, long number);

    /** A line of more than {@link #MAX_LINE_BYTES} bytes, skipped. */
    void tooLong(long number, long bytes);

    /** The line about to be handed over is not valid UTF-8. */
    default void notUtf8(long number) {}
  }

  private EventInput() {}

  /**
   * Reads {@code name} line by line.
   *
   * @return null when it was read to the end, else why reading stopped early (a cut gzip stream)
   * @throws IOException when the file cannot be opened or read at all
   */
  public static String read(String name, InputStream stdin, LineHandler handler)
      throws IOException {
    try (InputStream raw = name.equals("-") ? stdin : Files.newInputStream(Path.of(name))) {
      CutAware in = new CutAware(decompressed(raw));
      long n = readLines(in, handler);
      // Lines read ahead of the cut are kept: the cut is an end of input, remembered.
      return in.cut == null ? null
          : "compressed data ends early after line " + n + " (" + in.cut + ")";
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Hands each line to {@code handler}; returns how many there were. Lines are split on the bytes,
   * where a line feed is never part of a multi-byte character, and each is decoded whole.
   */
  private static long readLines(InputStream in, LineHandler handler) throws IOException {
    byte[] buf = new byte[1 << 16];
    byte[] line = new byte[1 << 12];
    int lineLength = 0;
    long length = 0;
    long number = 0;
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder();
    int read;
    while ((read = in.read(buf, 0, buf.length)) != -1) {
      int from = 0;
      for (int i = 0; i < read; i++) {
        if (buf[i] != '\n') {
          continue;
        }
        length += i - from;
        number++;
        if (length <= MAX_LINE_BYTES) {
          line = append(line, lineLength, buf, from, i - from);
          deliver(line, lineLength + i - from, number, handler, strict);
        } else {
          handler.tooLong(number, length);
        }
        lineLength = 0;
        length = 0;
        from = i + 1;
      }
      length += read - from;
      if (length <= MAX_LINE_BYTES) {
        line = append(line, lineLength, buf, from, read - from);
        lineLength += read - from;
      } else if (lineLength > 0) {
        lineLength = 0;
        line = new byte[1 << 12];
      }
    }
    if (length > MAX_LINE_BYTES) {
      handler.tooLong(++number, length);
    } else if (length > 0) {
      deliver(line, lineLength, ++number, handler, strict);
    }
    return number;
  }

  private static byte[] append(byte[] line, int length, byte[] from, int offset, int count) {
    byte[] to = line;
    if (length + count > line.length) {
      to = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
    }
    System.arraycopy(from, offset, to, length, count);
    return to;
  }

  private static void deliver(byte[] line, int length, long number, LineHandler handler,
      CharsetDecoder strict) {
    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    boolean ascii = true;
    for (int i = 0; i < end && ascii; i++) {
      ascii = line[i] >= 0;
    }
    if (!ascii) {
      try {
        strict.reset().decode(ByteBuffer.wrap(line, 0, end));
      } catch (CharacterCodingException e) {
        handler.notUtf8(number);
      }
    }
    handler.line(new String(line, 0, end, StandardCharsets.UTF_8), number);
  }

  /** Ends the stream where compressed data is cut, remembering why, instead of throwing. */
  private static final class CutAware extends java.io.FilterInputStream {
    String cut;

    CutAware(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (cut != null) {
        return -1;
      }
      try {
        return in.read(b, off, len);
      } catch (EOFException | ZipException e) {
        cut = String.valueOf(e.getMessage());
        return -1;
      }
    }

    @Override
    public int available() throws IOException {
      return cut != null ? 0 : in.available();
    }
  }

  private static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }
}
