package dev.envelope.agent.config;

/**
 * Settings of the live envelope view ({@code envelope.viewer.*}): off unless a port is given. See
 * {@link ConfigReader} for where they come from and {@code docs/VIEWER.md} for what they do.
 */
public final class ViewerConfig {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_CAPACITY = 200;
  /** At most this many envelopes are kept: each may take up to 16 KiB of JSON. */
  public static final int MOST_CAPACITY = 10_000;
  /** The placeholder of {@code envelope.viewer.trace_url}. */
  public static final String TRACE_ID = "{trace_id}";
  public static final ViewerConfig OFF = new ViewerConfig(-1, DEFAULT_BIND, null, DEFAULT_CAPACITY);

  private final int port;
  private final String bind;
  private final String traceUrl;
  private final int capacity;

  ViewerConfig(int port, String bind, String traceUrl, int capacity) {
    this.port = port;
    this.bind = bind;
    this.traceUrl = traceUrl;
    this.capacity = capacity;
  }

  /** For tests and embedders; the values are taken as they are. */
  public static ViewerConfig of(int port, String bind, String traceUrl, int capacity) {
    return new ViewerConfig(port, bind, traceUrl, capacity);
  }

  /** Whether a port was given. */
  public boolean enabled() {
    return port >= 0;
  }

  /** The port to listen on: 0 for any free one; -1 when off. */
  public int port() {
    return port;
  }

  /** The address to bind to, loopback unless the operator chose otherwise. */
  public String bind() {
    return bind;
  }

  /** An http(s) URL template holding {@link #TRACE_ID}, or {@code null}: no trace links. */
  public String traceUrl() {
    return traceUrl;
  }

  /** How many of the most recent envelopes are kept. */
  public int capacity() {
    return capacity;
  }
}
