package dev.envelope.sample.data;

/**
 * Names the network route of a transfer: {@code s3-direct} inside one cloud, {@code
 * s3-gs-interconnect} from one cloud to another.
 */
public final class RoutePlanner {

  /** The route from {@code source} to {@code destination}. */
  public String route(StorageUri source, StorageUri destination) {
    if (source.scheme().equals(destination.scheme())) {
      return source.scheme() + "-direct";
    }
    return source.scheme() + "-" + destination.scheme() + "-interconnect";
  }
}
