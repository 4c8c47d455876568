package dev.envelope.sample.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeploymentMaintenanceTest {

  private final Inventory inventory = Inventory.standard();
  private final DeploymentRegistry registry = new DeploymentRegistry();
  private final DeploymentMaintenance maintenance =
      new DeploymentMaintenance(registry, new Decommissioner(inventory));

  @BeforeEach
  void deployTwoGpusOnNodeOne() {
    inventory.reserve(inventory.nodes().get(0), new BigDecimal("2"));
    registry.add(new ActiveDeployment("dep-1", "acme", "m", "vllm", "gpu-node-1",
        new BigDecimal("2")));
  }

  @Test
  void deletesAndFreesTheGpus() {
    DeletedDeployment deleted = maintenance.deleteDeployment(Requests.caller("member"), "dep-1",
        false, "ws-7", "full");

    assertThat(deleted).isEqualTo(new DeletedDeployment("dep-1", "gpu-node-1", new BigDecimal("2"),
        List.of()));
    assertThat(inventory.free(inventory.nodes().get(0))).isEqualByComparingTo("4");
    assertThatThrownBy(() -> registry.require("dep-1", "acme")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aSecondDeleteIsNotFoundAndFreesNothingMore() {
    maintenance.deleteDeployment(Requests.caller("member"), "dep-1", false, null, null);

    assertThatThrownBy(() -> maintenance.deleteDeployment(Requests.caller("member"), "dep-1",
        true, null, null))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no deployment 'dep-1'");
    assertThat(inventory.free(inventory.nodes().get(0))).isEqualByComparingTo("4");
  }

  @Test
  void anotherTenantsDeploymentIsNotPermittedAndKeepsItsGpus() {
    RequestContext globex = new RequestContext("urn:service:x", "globex", "req-1", "service", "t");

    assertThatThrownBy(() -> maintenance.deleteDeployment(globex, "dep-1", true, null, null))
        .isInstanceOf(NotPermittedException.class);
    assertThat(inventory.free(inventory.nodes().get(0))).isEqualByComparingTo("2");
  }

  @Test
  void queuedJobsNeedForceAndAreCancelledByIt() {
    registry.queueJob("dep-1", "eval-1");

    assertThatThrownBy(() -> maintenance.deleteDeployment(Requests.caller("member"), "dep-1",
        false, null, null))
        .isInstanceOf(ConflictException.class)
        .hasMessage("deployment 'dep-1' has 1 queued evaluation job; delete with ?force=true"
            + " to cancel it");
    assertThat(inventory.free(inventory.nodes().get(0))).isEqualByComparingTo("2");

    DeletedDeployment deleted = maintenance.deleteDeployment(Requests.caller("member"), "dep-1",
        true, null, null);

    assertThat(deleted.cancelledJobs()).containsExactly("eval-1");
    assertThat(deleted.releasedGpuCount()).isEqualByComparingTo("2");
  }
}
