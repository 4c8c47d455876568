package dev.envelope.it.lifecycle;

import dev.envelope.annotations.Grant;
import dev.envelope.annotations.Granted;
import dev.envelope.it.lifecycle.Model.Allocation;
import dev.envelope.it.lifecycle.Model.Ask;

/** {@link Placer}'s steps, marked {@code @Grant}. */
public class AnnotatedPlacer extends Placer {
  @Override
  @Grant
  public Allocation reserve(Ask ask) {
    return super.reserve(ask);
  }

  @Override
  @Grant(resolution = "node")
  public Allocation bind(Ask ask) {
    return super.bind(ask);
  }

  @Override
  @Grant(resolution = "route")
  public void limit(@Granted("bandwidth_mbps") int bandwidthMbps, @Granted("route") String route) {
    super.limit(bandwidthMbps, route);
  }

  @Override
  @Grant
  public Allocation refuse(Ask ask) {
    return super.refuse(ask);
  }
}
