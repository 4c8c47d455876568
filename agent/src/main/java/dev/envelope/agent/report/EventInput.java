package dev.envelope.agent.report;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the lines of one events file: plain or gzip'd (told by its first bytes, not its name, so
 * {@code envelope-events.jsonl.3} compressed by logrotate reads too), or standard input for
 * {@code -}. A compressed file cut short ends at its last whole line.
 *
 * <p>Lines end at {@code \n} (a {@code \r} before it is dropped), as JSON Lines has it; a bare
 * {@code \r} is JSON whitespace, not a line end. A line longer than {@link #MAX_LINE_CHARS} is not
 * kept, only reported: a file with no line breaks must not fill the heap.
 */
public final class EventInput {
  /** The agent's lines stay under 64 KiB; anything this long is not an event line. */
  public static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

  /** Receives each line with its number. */
  public interface LineHandler {
    void line(String text, long number);

    /** A line of more than {@link #MAX_LINE_CHARS} characters, skipped. */
    void tooLong(long number, long chars);
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
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      long n = readLines(reader, handler);
      // The decoder reads ahead: had the cut been thrown through it, the whole lines it had
      // already decoded (up to 64 K characters) would have been lost with it.
      return in.cut == null ? null
          : "compressed data ends early after line " + n + " (" + in.cut + ")";
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Hands each line to {@code handler}; returns how many there were. */
  private static long readLines(Reader reader, LineHandler handler) throws IOException {
    char[] buf = new char[1 << 16];
    StringBuilder line = new StringBuilder(1024);
    long number = 0;
    long length = 0;
    int read;
    while ((read = reader.read(buf)) > 0) {
      int from = 0;
      for (int i = 0; i < read; i++) {
        if (buf[i] != '\n') {
          continue;
        }
        length += i - from;
        if (length <= MAX_LINE_CHARS) {
          line.append(buf, from, i - from);
          int end = line.length();
          handler.line(line.substring(0, end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end),
              ++number);
        } else {
          handler.tooLong(++number, length);
        }
        line.setLength(0);
        length = 0;
        from = i + 1;
      }
      length += read - from;
      if (length <= MAX_LINE_CHARS) {
        line.append(buf, from, read - from);
      } else if (line.length() > 0) {
        line.setLength(0);
        line.trimToSize();
      }
    }
    if (length > MAX_LINE_CHARS) {
      handler.tooLong(++number, length);
    } else if (length > 0) {
      int end = line.length();
      handler.line(line.substring(0, line.charAt(end - 1) == '\r' ? end - 1 : end), ++number);
    }
    return number;
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
