package dev.envelope.sample.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads a request body as strict UTF-8, refusing anything above a size limit. */
final class RequestBodyReader {
  /** How much of an oversized body is read and thrown away so the client can still see the 413. */
  private static final long DRAIN_LIMIT = 1 << 20;

  private RequestBodyReader() {}

  /**
   * Returns the body as text.
   *
   * @throws HttpFailure {@code 413} when the body exceeds {@code maxBytes}, {@code 400} when it is
   *     not valid UTF-8
   */
  static String read(HttpExchange exchange, int maxBytes) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && isLongerThan(declared.strip(), maxBytes)) {
      try (InputStream in = exchange.getRequestBody()) {
        drain(in);
      }
      throw tooLarge(maxBytes);
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(chunk)) != -1) {
        // Counting as we go bounds memory even for chunked bodies without a Content-Length.
        if (buffer.size() + n > maxBytes) {
          drain(in);
          throw tooLarge(maxBytes);
        }
        buffer.write(chunk, 0, n);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buffer.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HttpFailure(400, "request body is not valid UTF-8");
    }
  }

  /**
   * Reads and discards what the client is still sending: closing a connection with unread data
   * makes TCP reset it, and the client then loses the answer.
   */
  private static void drain(InputStream in) throws IOException {
    byte[] sink = new byte[8192];
    long total = 0;
    int n;
    while (total < DRAIN_LIMIT && (n = in.read(sink)) != -1) {
      total += n;
    }
  }

  private static boolean isLongerThan(String contentLength, int maxBytes) {
    try {
      return Long.parseLong(contentLength) > maxBytes;
    } catch (NumberFormatException e) {
      // The JDK server frames the body itself; an odd header is its business, not ours.
      return false;
    }
  }

  private static HttpFailure tooLarge(int maxBytes) {
    return new HttpFailure(413, "request body larger than " + maxBytes + " bytes");
  }
}
