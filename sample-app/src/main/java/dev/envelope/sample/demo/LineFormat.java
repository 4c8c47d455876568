package dev.envelope.sample.demo;

import dev.envelope.sample.http.SampleServer;
import java.util.List;

/**
 * Which values a summary line shows for one route: from the ask (body fields and query flags)
 * and from the answer, each under a short label, then the new resource's id.
 *
 * @param asked the asked values, in order
 * @param verb what the answered values are, e.g. {@code granted}
 * @param answered the answered values, in order
 * @param idKey the answer key of the id shown last, or {@code null}
 */
record LineFormat(List<Shown> asked, String verb, List<Shown> answered, String idKey) {

  /**
   * One shown value.
   *
   * @param label the label on the line, e.g. {@code gpu}
   * @param key the JSON or query key it comes from, e.g. {@code gpu_count}
   */
  record Shown(String label, String key) {}

  private static final LineFormat DEPLOY = new LineFormat(
      List.of(new Shown("gpu", "gpu_count"), new Shown("engine", "engine")),
      "granted",
      List.of(new Shown("gpu", "gpu_count"), new Shown("node", "node")),
      "deployment_id");

  private static final LineFormat INFERENCE = new LineFormat(
      List.of(same("max_output_len"), same("stream")),
      "granted",
      List.of(same("max_output_len"), same("stream"), same("rate_limit_rps"),
          new Shown("replica", "replica_id")),
      null);

  private static final LineFormat EVALUATION = new LineFormat(
      List.of(same("dataset"), same("sample_count"), new Shown("gpu", "gpu_count")),
      "granted",
      List.of(same("sample_count"), new Shown("gpu", "gpu_count"), same("queue")),
      "job_id");

  private static final LineFormat DELETE = new LineFormat(
      List.of(same("force")),
      "released",
      List.of(new Shown("gpu", "released_gpu_count"), same("node"),
          new Shown("cancelled", "cancelled_jobs")),
      null);

  private static final LineFormat TRANSFER = new LineFormat(
      List.of(same("bandwidth_mbps"), same("encrypt")),
      "granted",
      List.of(same("bandwidth_mbps"), same("encrypt"), same("route")),
      "transfer_id");

  /** The format for {@code request}'s route; the deploy format for anything unknown. */
  static LineFormat of(DemoRequest request) {
    String path = request.pathOnly();
    if (path.startsWith(prefix(SampleServer.INFERENCE_PATH))) {
      return INFERENCE;
    }
    if (path.equals(SampleServer.EVALUATION_JOBS_PATH)) {
      return EVALUATION;
    }
    if (path.startsWith(prefix(SampleServer.DEPLOYMENT_PATH))) {
      return DELETE;
    }
    if (path.equals(SampleServer.TRANSFERS_PATH)) {
      return TRANSFER;
    }
    return DEPLOY;
  }

  private static Shown same(String key) {
    return new Shown(key, key);
  }

  private static String prefix(String template) {
    return template.substring(0, template.indexOf('{'));
  }
}
