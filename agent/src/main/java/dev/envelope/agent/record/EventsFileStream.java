package dev.envelope.agent.record;

import dev.envelope.agent.diag.Diagnostics;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The events file under Logback's file appender, in place of Logback's own stream, which hides
 * a failed write and then discards lines while it waits to recover. Here every line is
 * accounted for: each one is either in the file or counted as lost, and the file only ever holds
 * whole lines.
 *
 * <ul>
 *   <li>A write that fails (disk full, file size limit, I/O error) loses the lines still
 *       buffered; they are counted, what part of them reached the file is cut off again, and the
 *       operator is told once. Lines that come while the file cannot be written are counted too;
 *       every second one write is tried again, so recording resumes when space is freed.
 *   <li>A file that cannot be opened (no such directory, read-only file system) is the same
 *       failure from the start: counted, reported once, retried every second.
 *   <li>A file deleted or replaced under the agent is noticed when recording goes idle, or within
 *       a second under a steady load: a new file is started at the configured path and the
 *       operator is told how many lines went to the old one after it was last seen in place.
 * </ul>
 *
 * <p>Logback calls {@link #write(byte[], int, int)} once per encoded line, always under its
 * appender's stream lock, so the stream itself needs no locking; counters are read from other
 * threads.
 */
final class EventsFileStream extends OutputStream {
  private static final long SECOND = 1_000_000_000L;

  private final Path path;
  /** Set for a relative path: it names a file in the working directory, which must exist. */
  private final Path workingDirectory;
  private final boolean append;
  private final EventsFileCounts counts;
  private final long retryNanos;
  private final long verifyNanos;
  private final byte[] buffer;
  private int used;
  private int bufferedLines;
  private FileChannel channel;
  private Object fileKey;
  /** Lines written out since the file was last seen at its path. */
  private long unverifiedLines;
  private long nextRetry;
  private long nextVerify;
  private boolean failing;

  EventsFileStream(File file, boolean append, int bufferSize, EventsFileCounts counts) {
    this(file, append, bufferSize, counts, SECOND, SECOND);
  }

  EventsFileStream(File file, boolean append, int bufferSize, EventsFileCounts counts,
      long retryNanos, long verifyNanos) {
    this.path = file.toPath().toAbsolutePath();
    this.workingDirectory = file.isAbsolute() ? null : Paths.get("").toAbsolutePath();
    this.append = append;
    this.counts = counts;
    this.retryNanos = retryNanos;
    this.verifyNanos = verifyNanos;
    this.buffer = new byte[Math.max(bufferSize, 16)];
    open(System.nanoTime());
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] line, int offset, int length) {
    if (length <= 0) {
      return;
    }
    if (channel == null && !retry()) {
      counts.lost(1);
      return;
    }
    if (length > buffer.length - used) {
      writeBuffer();
      if (channel == null) {
        counts.lost(1);
        return;
      }
    }
    if (length > buffer.length) {
      writeOut(line, offset, length, 1);
    } else {
      System.arraycopy(line, offset, buffer, used, length);
      used += length;
      bufferedLines++;
    }
  }

  /**
   * Writes the buffered lines to the file and checks it is still there. Recording flushes when it
   * goes idle, so a file deleted between two requests is noticed before the next line goes to it.
   */
  @Override
  public void flush() {
    writeBuffer();
    if (channel != null) {
      verify(System.nanoTime());
    }
  }

  @Override
  public void close() {
    writeBuffer();
    used = 0;
    counts.lost(bufferedLines);
    bufferedLines = 0;
    closeChannel();
  }

  private void writeBuffer() {
    if (used == 0) {
      return;
    }
    int lines = bufferedLines;
    int length = used;
    used = 0;
    bufferedLines = 0;
    if (channel == null && !retry()) {
      counts.lost(lines);
      return;
    }
    writeOut(buffer, 0, length, lines);
    // Under a steady load recording never goes idle: check now and then on the way.
    long now = System.nanoTime();
    if (channel != null && now - nextVerify >= 0) {
      verify(now);
    }
  }

  /** Writes whole lines or none: what part of a failed write reached the file is cut off. */
  private void writeOut(byte[] bytes, int offset, int length, int lines) {
    long start = -1;
    try {
      start = channel.size();
      ByteBuffer out = ByteBuffer.wrap(bytes, offset, length);
      while (out.hasRemaining()) {
        channel.write(out);
      }
      counts.written(lines);
      unverifiedLines += lines;
      if (failing) {
        failing = false;
        Diagnostics.warn("envelope events are written to " + path + " again; "
            + counts.lost() + " could not be written so far (the total is reported at shutdown)");
      }
    } catch (IOException | RuntimeException e) {
      counts.lost(lines);
      cutTo(start);
      fail("cannot be written to", e);
    }
  }

  private void cutTo(long size) {
    if (size < 0 || channel == null) {
      return;
    }
    try {
      if (channel.size() > size) {
        channel.truncate(size);
      }
    } catch (IOException | RuntimeException e) {
      // Left as is: a reopened file starts on a new line, so only this torn line is unreadable.
    }
  }

  private boolean retry() {
    long now = System.nanoTime();
    if (now - nextRetry < 0) {
      return false;
    }
    return open(now);
  }

  private boolean open(long now) {
    closeChannel();
    try {
      if (workingDirectory != null && !Files.isDirectory(workingDirectory)) {
        // Created again, it would be a directory nobody looks in; the operator must know.
        throw new NoSuchFileException(workingDirectory.toString(), null,
            "the working directory no longer exists");
      }
      Path parent = path.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        if (Files.exists(parent)) {
          throw new NotDirectoryException(parent.toString());
        }
        Files.createDirectories(parent);
      }
      FileChannel opened = FileChannel.open(path, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND
              : StandardOpenOption.TRUNCATE_EXISTING);
      channel = opened;
      startOnANewLine(opened);
      fileKey = key();
      unverifiedLines = 0;
      nextVerify = now + verifyNanos;
      return true;
    } catch (IOException | RuntimeException e) {
      closeChannel();
      nextRetry = now + retryNanos;
      fail("cannot be written to", e);
      return false;
    }
  }

  /** A torn line left by a crash or a failed cut must not swallow the next one. */
  private void startOnANewLine(FileChannel file) throws IOException {
    long size = file.size();
    if (size == 0 || !append) {
      return;
    }
    ByteBuffer last = ByteBuffer.allocate(1);
    try (FileChannel read = FileChannel.open(path, StandardOpenOption.READ)) {
      read.read(last, size - 1);
    }
    if (last.position() == 1 && last.get(0) != '\n') {
      file.write(ByteBuffer.wrap(new byte[] {'\n'}));
    }
  }

  private void verify(long now) {
    nextVerify = now + verifyNanos;
    Object current;
    try {
      current = key();
    } catch (NoSuchFileException e) {
      current = null;
    } catch (IOException | RuntimeException e) {
      return;
    }
    if (current != null && (fileKey == null || current.equals(fileKey))) {
      unverifiedLines = 0;
      return;
    }
    long gone = unverifiedLines;
    counts.replaced(gone);
    Diagnostics.warn("the envelope events file " + path + " was deleted or replaced while in use; "
        + gone + " events written since it was last seen there went with the old file; a new"
        + " file is started at the same path");
    open(now);
  }

  private Object key() throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
  }

  private void fail(String what, Throwable e) {
    closeChannel();
    nextRetry = System.nanoTime() + retryNanos;
    if (!failing) {
      failing = true;
      Diagnostics.warnRateLimited("events-file:" + path, "envelope events " + what + " " + path
          + " (" + Diagnostics.describe(e) + "); they are counted, writing is retried every"
          + " second, and the total lost is reported at shutdown");
    }
  }

  private void closeChannel() {
    FileChannel open = channel;
    channel = null;
    if (open != null) {
      try {
        open.close();
      } catch (IOException | RuntimeException e) {
        // Nothing more to write through it.
      }
    }
  }
}
