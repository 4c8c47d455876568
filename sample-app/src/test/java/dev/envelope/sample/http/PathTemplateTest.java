package dev.envelope.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

  private final PathTemplate template = PathTemplate.parse("/serving/deployments/{deployment_id}");

  @Test
  void capturesOneSegment() {
    assertThat(template.match("/serving/deployments/dep-000001"))
        .isEqualTo(Map.of("deployment_id", "dep-000001"));
  }

  @Test
  void matchesNothingElse() {
    for (String path : new String[] {"/serving/deployments", "/serving/deployments/",
        "/serving/deployments/a/b", "/serving/deployment/a", "/serving/deployments/a%2Fb",
        "/serving/deployments/a%20b", "serving/deployments/a",
        "/serving/deployments/" + "x".repeat(129)}) {
      assertThat(template.match(path)).as(path).isNull();
    }
  }
}
