package dev.envelope.sample.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecommissionerTest {

  private final Inventory inventory = Inventory.standard();
  private final Placement placement = new Placement(inventory, EngineCatalog.standard());
  private final Decommissioner decommissioner = new Decommissioner(inventory);

  private GpuNode node(String name) {
    return inventory.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void withoutAReleaseAFullNodeStaysFull() {
    placement.place(Requests.ask("vllm", "4", "us-west"), new BigDecimal("4"));

    assertThatThrownBy(() -> placement.place(Requests.ask("tgi", "2", "us-west"), new BigDecimal("2")))
        .isInstanceOf(NoCapacityException.class);
  }

  @Test
  void releaseGivesTheGpusBackSoALaterAskFitsWhole() {
    placement.place(Requests.ask("vllm", "4", "us-west"), new BigDecimal("4"));
    ActiveDeployment held = new ActiveDeployment("dep-1", "acme", "m", "vllm", "gpu-node-1",
        new BigDecimal("4.0"));

    Release release = decommissioner.release(held);

    assertThat(release).isEqualTo(new Release(new BigDecimal("4"), "gpu-node-1"));
    assertThat(inventory.free(node("gpu-node-1"))).isEqualByComparingTo("4");
    assertThat(placement.place(Requests.ask("tgi", "2", "us-west"), new BigDecimal("2")).node())
        .isEqualTo("gpu-node-1");
  }

  @Test
  void inventoryNeverGetsBackMoreThanANodeHas() {
    assertThatThrownBy(() -> inventory.release("gpu-node-3", new BigDecimal("0.5")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> inventory.release("gpu-node-9", BigDecimal.ONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(inventory.free(node("gpu-node-3"))).isEqualByComparingTo("1");
  }
}
