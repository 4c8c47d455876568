package dev.envelope.sample.data;

import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Granted;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Books bandwidth on network routes. Transfers never finish in this backend, so the ledger only
 * grows; it tells how much each route has booked.
 */
public final class LinkLedger {

  private final Map<String, Long> bookedMbpsByRoute = new LinkedHashMap<>();
  private final Map<String, String> routeByTransfer = new LinkedHashMap<>();

  /**
   * Books {@code mbps} on {@code route} for one transfer. A {@code void} grant: the agent records
   * the {@code @Granted} arguments; {@code route} and {@code transfer_id} go to resolution.
   *
   * @throws IllegalStateException if {@code transferId} was booked already
   */
  @Grant(resolution = {"route", "transfer_id"})
  public synchronized void reserve(@Granted("bandwidth_mbps") int mbps,
                                   @Granted("encrypt") boolean encrypt,
                                   @Granted("route") String route,
                                   @Granted("transfer_id") String transferId) {
    if (routeByTransfer.putIfAbsent(transferId, route) != null) {
      throw new IllegalStateException("transfer " + transferId + " is booked already");
    }
    bookedMbpsByRoute.merge(route, (long) mbps, Long::sum);
  }

  /** Mbit/s booked on {@code route} so far. */
  public synchronized long bookedMbps(String route) {
    return bookedMbpsByRoute.getOrDefault(route, 0L);
  }

  /** How many transfers are booked. */
  public synchronized int transfers() {
    return routeByTransfer.size();
  }
}
