package dev.envelope.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A collector that accepts connections and reads what comes, but never answers. */
final class Blackhole implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private Blackhole(ServerSocket server) {
    this.server = server;
  }

  static Blackhole start() throws IOException {
    Blackhole hole = new Blackhole(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    Thread accept = new Thread(hole::accept, "blackhole");
    accept.setDaemon(true);
    accept.start();
    return hole;
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        Thread drain = new Thread(() -> {
          try (InputStream in = s.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
          } catch (IOException closed) {
            // the test is over
          }
        }, "blackhole-read");
        drain.setDaemon(true);
        drain.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
