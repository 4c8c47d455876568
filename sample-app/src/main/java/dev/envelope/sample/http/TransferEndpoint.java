package dev.envelope.sample.http;

import dev.envelope.sample.data.Transfer;
import dev.envelope.sample.data.TransferApi;
import dev.envelope.sample.data.TransferRequest;
import dev.envelope.sample.data.TransferTuning;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /data/transfers}: binds the body ({@code 400} on bad JSON or types, before
 * admission), passes the {@code X-Source-Credential} header along, calls {@link
 * TransferApi#transfer} and answers {@code 202} with the booked transfer.
 */
final class TransferEndpoint implements Endpoint {

  /** The header carrying the credential for the source bucket. */
  static final String SOURCE_CREDENTIAL = "X-Source-Credential";

  private final TransferApi api;

  TransferEndpoint(TransferApi api) {
    this.api = api;
  }

  @Override
  public Reply handle(ApiCall call) throws IOException {
    Map<String, Object> json = call.jsonObject();
    TransferRequest body = TransferRequestBinder.bind(json);
    TransferTuning tuning = TransferRequestBinder.bindTuning(json);
    Transfer transfer = api.transfer(call.context(), call.header(SOURCE_CREDENTIAL), body, tuning,
        call.workspace(), call.auditLevel());
    return Reply.of(202, toJson(transfer));
  }

  /** The answer's keys, in their documented order. */
  static Map<String, Object> toJson(Transfer transfer) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("transfer_id", transfer.transferId());
    json.put("status", transfer.status());
    json.put("route", transfer.route());
    json.put("bandwidth_mbps", transfer.bandwidthMbps());
    json.put("encrypt", transfer.encrypt());
    json.put("bytes", transfer.bytes());
    json.put("estimated_seconds", transfer.estimatedSeconds());
    return json;
  }
}
