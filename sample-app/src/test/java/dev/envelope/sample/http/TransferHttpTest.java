package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransferHttpTest {

  private static final String OUTBOUND = "{\"source\":\"s3://acme-raw/corpus/\","
      + "\"destination\":\"gs://partner-share/in/\",\"bytes\":500000000000,\"encrypt\":false,"
      + "\"bandwidth_mbps\":2000,\"chunk_size_mb\":128}";

  private SampleServer server;

  @BeforeEach
  void start() throws Exception {
    server = SampleServer.start(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> transfer(SampleServer s, String token, String body,
      String credential) throws Exception {
    return credential == null
        ? TestHttp.call(s, "POST", "/data/transfers", token, null, body)
        : TestHttp.call(s, "POST", "/data/transfers", token, null, body,
            "X-Source-Credential", credential);
  }

  @Test
  void answers202WithNarrowedBandwidthAndForcedEncryption() throws Exception {
    HttpResponse<String> response = transfer(server, "demo-token", OUTBOUND, "cred");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("{\"transfer_id\":\"xfer-000001\",\"status\":\"queued\","
        + "\"route\":\"s3-gs-interconnect\",\"bandwidth_mbps\":500,\"encrypt\":true,"
        + "\"bytes\":500000000000,\"estimated_seconds\":8000}");
  }

  @Test
  void inTenantTransfersKeepTheirAsk() throws Exception {
    HttpResponse<String> response = transfer(server, "svc-token",
        "{\"source\":\"s3://globex-logs/a/\",\"destination\":\"s3://globex-archive/a/\","
            + "\"bytes\":1000000000,\"bandwidth_mbps\":800}", "cred");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).contains("\"route\":\"s3-direct\",\"bandwidth_mbps\":800,"
        + "\"encrypt\":false,\"bytes\":1000000000,\"estimated_seconds\":10");
  }

  @Test
  void refusesAMissingCredentialAForeignSourceAndBadLocations() throws Exception {
    HttpResponse<String> noCredential = transfer(server, "demo-token", OUTBOUND, null);
    HttpResponse<String> blankCredential = transfer(server, "demo-token", OUTBOUND, "  ");
    HttpResponse<String> foreign = transfer(server, "svc-token", OUTBOUND, "cred");
    HttpResponse<String> badUri = transfer(server, "demo-token",
        "{\"source\":\"/tmp/x\",\"destination\":\"s3://acme-b/x\",\"bytes\":1}", "cred");

    assertThat(noCredential.statusCode()).isEqualTo(400);
    assertThat(noCredential.body())
        .isEqualTo("{\"error\":\"X-Source-Credential is required to read s3://acme-raw\"}");
    assertThat(blankCredential.statusCode()).isEqualTo(400);
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body())
        .isEqualTo("{\"error\":\"tenant 'globex' may not read bucket 'acme-raw'\"}");
    assertThat(badUri.statusCode()).isEqualTo(400);
  }

  @Test
  void theCredentialIsNeverEchoed() throws Exception {
    HttpResponse<String> accepted = transfer(server, "demo-token", OUTBOUND, "cred-s3cr3t");
    HttpResponse<String> refused = transfer(server, "demo-token",
        "{\"source\":\"s3://acme-raw/x\",\"destination\":\"s3://acme-raw/x\",\"bytes\":1}",
        "cred-s3cr3t");

    assertThat(accepted.body()).doesNotContain("s3cr3t");
    assertThat(refused.body()).doesNotContain("s3cr3t");
  }

  @Test
  void twoFreshServersAnswerTheSameSequenceIdentically() throws Exception {
    List<String> first = transcript(server);
    try (SampleServer fresh = SampleServer.start(0)) {
      assertThat(transcript(fresh)).isEqualTo(first);
    }
  }

  private List<String> transcript(SampleServer s) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(transfer(s, "demo-token", OUTBOUND, "cred").body());
    lines.add(transfer(s, "bob-token", OUTBOUND.replace("2000", "100"), "cred").body());
    lines.add(transfer(s, "svc-token", OUTBOUND, "cred").body());
    lines.add(transfer(s, "demo-token", OUTBOUND, null).body());
    return lines;
  }
}
