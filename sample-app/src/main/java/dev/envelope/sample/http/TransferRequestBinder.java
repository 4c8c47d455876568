package dev.envelope.sample.http;

import static dev.envelope.sample.http.JsonFields.bool;
import static dev.envelope.sample.http.JsonFields.integer;
import static dev.envelope.sample.http.JsonFields.longInteger;
import static dev.envelope.sample.http.JsonFields.string;

import dev.envelope.sample.data.TransferRequest;
import dev.envelope.sample.data.TransferTuning;
import dev.envelope.sample.serving.InvalidRequestException;
import java.util.Map;

/**
 * Turns a parsed JSON object into a {@link TransferRequest} and its {@link TransferTuning},
 * checking types only. Core fields: {@code source}, {@code destination} (strings), {@code bytes},
 * {@code bandwidth_mbps} (integers), {@code encrypt} (boolean); tuning: {@code chunk_size_mb},
 * {@code parallel_streams} (integers), {@code checksum} (string), defaults filled in.
 */
public final class TransferRequestBinder {

  private TransferRequestBinder() {}

  /**
   * Binds the core fields of {@code json}.
   *
   * @throws InvalidRequestException when a field has the wrong JSON type
   */
  public static TransferRequest bind(Map<String, Object> json) {
    return new TransferRequest(
        string(json, "source"),
        string(json, "destination"),
        longInteger(json, "bytes"),
        bool(json, "encrypt"),
        integer(json, "bandwidth_mbps"));
  }

  /**
   * Binds the tuning fields of {@code json}.
   *
   * @throws InvalidRequestException when a field has the wrong JSON type
   */
  public static TransferTuning bindTuning(Map<String, Object> json) {
    return TransferTuning.withDefaults(
        integer(json, "chunk_size_mb"),
        integer(json, "parallel_streams"),
        string(json, "checksum"));
  }
}
