package dev.envelope.sample.data;

/**
 * Decides whether a transfer is encrypted in transit: as asked, but always when the data leaves
 * the tenant's own buckets or crosses from one cloud to another.
 */
public final class EncryptionPolicy {

  /** Whether {@code source → destination} must be encrypted whatever the caller asked. */
  public boolean required(StorageUri source, StorageUri destination, String tenantId) {
    return !destination.ownedBy(tenantId) || !source.scheme().equals(destination.scheme());
  }

  /** The encryption granted: the ask, forced on when {@link #required}. */
  public boolean grant(boolean asked, StorageUri source, StorageUri destination, String tenantId) {
    return asked || required(source, destination, tenantId);
  }
}
