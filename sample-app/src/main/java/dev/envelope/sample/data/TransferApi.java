package dev.envelope.sample.data;

import dev.envelope.annotations.Caller;
import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Extension;
import dev.envelope.annotations.Governance;
import dev.envelope.annotations.Requested;
import dev.envelope.annotations.Scope;
import dev.envelope.annotations.Sensitive;
import dev.envelope.sample.serving.InvalidRequestException;
import dev.envelope.sample.serving.NotPermittedException;
import dev.envelope.sample.serving.RequestContext;
import dev.envelope.sample.serving.SequentialIds;

/** Moves data between object stores of the caller's tenant and beyond. */
public class TransferApi {

  /** The status of every accepted transfer. */
  public static final String QUEUED = "queued";

  private static final long BITS_PER_MEGABIT = 1_000_000L;

  private final TransferValidator validator;
  private final BandwidthPolicy bandwidth;
  private final EncryptionPolicy encryption;
  private final RoutePlanner routes;
  private final LinkLedger ledger;
  private final SequentialIds transferIds = new SequentialIds("xfer-");

  /** Creates the API from its collaborators. */
  public TransferApi(TransferValidator validator, BandwidthPolicy bandwidth,
      EncryptionPolicy encryption, RoutePlanner routes, LinkLedger ledger) {
    this.validator = validator;
    this.bandwidth = bandwidth;
    this.encryption = encryption;
    this.routes = routes;
    this.ledger = ledger;
  }

  /** A fresh API with the standard policies and an empty ledger. */
  public static TransferApi standard() {
    return new TransferApi(new TransferValidator(), BandwidthPolicy.standard(),
        new EncryptionPolicy(), new RoutePlanner(), new LinkLedger());
  }

  /**
   * Validates, narrows and books a transfer. The source credential is checked for presence only
   * and never stored; the agent records it as {@code [REDACTED]}.
   *
   * @param ctx the authenticated caller
   * @param sourceCredential the {@code X-Source-Credential} header, or {@code null}
   * @param body the ask, as sent
   * @param tuning chunking and checksum knobs, recorded as the {@code data.transfer} extension
   * @param workspace the {@code X-Workspace} header, or {@code null}
   * @param audit the {@code X-Audit-Level} header, or {@code null}
   * @throws InvalidRequestException when the request is not acceptable ({@code 400})
   * @throws NotPermittedException when the tenant may not read the source ({@code 403})
   */
  @ExecutionAdmission(kind = ExecutionKind.DATA_MOVEMENT, service = "data", operation = "transfer",
      result = {"status", "estimatedSeconds->estimated_seconds"})
  public Transfer transfer(@Caller RequestContext ctx,
                           @Caller("source_credential") @Sensitive String sourceCredential,
                           @Requested TransferRequest body,
                           @Extension("data.transfer") TransferTuning tuning,
                           @Scope("workspace_id") String workspace,
                           @Governance("audit_level") String audit) {
    TransferValidator.Locations where =
        validator.validate(body, tuning, ctx.tenantId(), sourceCredential);
    int asked = body.bandwidthMbps() == null
        ? TransferValidator.DEFAULT_BANDWIDTH_MBPS : body.bandwidthMbps();
    int mbps = bandwidth.cap(ctx.tenantId(), asked);
    boolean encrypt = encryption.grant(Boolean.TRUE.equals(body.encrypt()), where.source(),
        where.destination(), ctx.tenantId());
    String route = routes.route(where.source(), where.destination());
    String transferId = transferIds.next();
    ledger.reserve(mbps, encrypt, route, transferId);
    return new Transfer(transferId, QUEUED, route, mbps, encrypt, body.bytes(),
        estimatedSeconds(body.bytes(), mbps));
  }

  private static long estimatedSeconds(long bytes, int mbps) {
    long bits = Math.multiplyExact(bytes, 8L);
    long perSecond = mbps * BITS_PER_MEGABIT;
    return (bits + perSecond - 1) / perSecond;
  }
}
