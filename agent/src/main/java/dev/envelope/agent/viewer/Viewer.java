package dev.envelope.agent.viewer;

import dev.envelope.agent.config.ViewerConfig;
import dev.envelope.agent.diag.Diagnostics;
import dev.envelope.agent.record.EventEncoder;
import dev.envelope.agent.record.Recorder;
import java.net.InetAddress;

/**
 * The live envelope view ({@code envelope.viewer.port}): a ring of the most recent envelopes, fed
 * by a recorder on the agent's recorder thread, and a small HTTP server that shows it. Starting
 * it never fails the agent: a port in use or a bad address is one line on stderr, and the
 * application runs on without a viewer.
 *
 * <p>The JDK server's own requests pass through the agent's HTTP server instrumentation like any
 * other: that only makes a caller's trace context current while the handler runs, and the viewer
 * admits nothing, so its requests make no envelope and no span.
 */
public final class Viewer {
  private final ViewerServer server;
  private final ViewerRecorder recorder;

  private Viewer(ViewerServer server, ViewerRecorder recorder) {
    this.server = server;
    this.recorder = recorder;
  }

  /** Starts the viewer and says where it is; {@code null}, after one line why, if it cannot. */
  public static Viewer start(ViewerConfig config, EventEncoder encoder) {
    String where = config.bind() + ":" + config.port();
    try {
      InetAddress address = InetAddress.getByName(config.bind());
      EnvelopeRing ring = new EnvelopeRing(config.capacity());
      ViewerHandler handler = new ViewerHandler(ring, ViewerPage.load(), config.traceUrl(),
          address.isLoopbackAddress());
      ViewerServer server = ViewerServer.start(address, config.port(), handler);
      if (!address.isLoopbackAddress()) {
        Diagnostics.warn("viewer.bind=" + config.bind() + " is not a loopback address: the"
            + " envelope viewer has no authentication and shows request data to anyone who can"
            + " reach " + server.url());
      }
      Diagnostics.info("envelope viewer at " + server.url());
      return new Viewer(server, new ViewerRecorder(ring, encoder));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Diagnostics.warn("the envelope viewer did not start on " + where + ": interrupted");
    } catch (Throwable t) {
      // A port in use, an unknown host, a JVM without the jdk.httpserver module.
      Diagnostics.warn("the envelope viewer did not start on " + where + ": "
          + Diagnostics.describe(t) + "; the application runs on without it");
    }
    return null;
  }

  /** What feeds the ring; to be added to the agent's recorders. */
  public Recorder recorder() {
    return recorder;
  }

  /** {@code http://<address>:<port>/}. */
  public String url() {
    return server.url();
  }

  /** Closes the port; called at shutdown, never waits for a client. */
  public void stop() {
    try {
      server.stop();
    } catch (Throwable t) {
      Diagnostics.debug("envelope viewer did not stop cleanly: " + Diagnostics.describe(t));
    }
  }
}
