package dev.envelope.agent.report;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
 */
public final class EventInput {
  /** Receives each line with its number. */
  public interface LineHandler {
    void line(String text, long number);
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
      BufferedReader reader = new BufferedReader(
          new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      long n = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        handler.line(line, ++n);
      }
      // The decoder reads ahead: had the cut been thrown through it, the whole lines it had
      // already decoded (up to 64 K characters) would have been lost with it.
      return in.cut == null ? null
          : "compressed data ends early after line " + n + " (" + in.cut + ")";
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
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
