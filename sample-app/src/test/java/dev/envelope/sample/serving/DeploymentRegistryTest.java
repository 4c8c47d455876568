package dev.envelope.sample.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DeploymentRegistryTest {

  private final DeploymentRegistry registry = new DeploymentRegistry();

  static ActiveDeployment deployment(String id, String tenant, String engine, String gpus) {
    return new ActiveDeployment(id, tenant, "m", engine, "gpu-node-1", new BigDecimal(gpus));
  }

  @Test
  void findsADeploymentForItsOwnTenantOnly() {
    registry.add(deployment("dep-1", "acme", "vllm", "1"));

    assertThat(registry.require("dep-1", "acme").engine()).isEqualTo("vllm");
    assertThatThrownBy(() -> registry.require("dep-1", "globex"))
        .isInstanceOf(NotPermittedException.class)
        .hasMessage("deployment 'dep-1' belongs to another tenant");
    assertThatThrownBy(() -> registry.require("dep-2", "acme"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no deployment 'dep-2'");
    assertThatThrownBy(() -> registry.require(null, "acme")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void removingReturnsTheQueuedJobsAndForgetsTheDeployment() {
    registry.add(deployment("dep-1", "acme", "vllm", "1"));
    registry.queueJob("dep-1", "eval-1");
    registry.queueJob("dep-1", "eval-2");

    assertThat(registry.queuedJobs("dep-1")).containsExactly("eval-1", "eval-2");
    assertThat(registry.remove("dep-1")).containsExactly("eval-1", "eval-2");
    assertThat(registry.queuedJobs("dep-1")).isEmpty();
    assertThatThrownBy(() -> registry.require("dep-1", "acme")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> registry.remove("dep-1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesDuplicatesAndJobsForUnknownDeployments() {
    registry.add(deployment("dep-1", "acme", "vllm", "1"));

    assertThatThrownBy(() -> registry.add(deployment("dep-1", "globex", "tgi", "2")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> registry.queueJob("dep-9", "eval-1"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void servingApiRegistersWhatItPlacesUnderTheCallersTenant() {
    Inventory inventory = Inventory.standard();
    EngineCatalog engines = EngineCatalog.standard();
    ServingApi api = new ServingApi(new RequestValidator(engines, inventory.locations()),
        NarrowingPolicy.standard(), new Placement(inventory, engines), registry);

    api.deployModel(Requests.caller("tenant_admin"), Requests.ask("vllm", "4", "us-west"), null, null);

    assertThat(registry.require("dep-000001", "acme")).isEqualTo(new ActiveDeployment(
        "dep-000001", "acme", "llama-3.1-8b-instruct", "vllm", "gpu-node-1", new BigDecimal("2")));
  }
}
