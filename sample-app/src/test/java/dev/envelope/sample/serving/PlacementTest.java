package dev.envelope.sample.serving;

import static dev.envelope.sample.serving.Requests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PlacementTest {

  private final Inventory inventory = Inventory.standard();
  private final Placement placement = new Placement(inventory, EngineCatalog.standard());

  @Test
  void grantsTheFullAskOnTheFirstNodeThatFits() {
    Allocation allocation = placement.place(ask("vllm", "1", "us-west"), new BigDecimal("1"));

    assertThat(allocation).isEqualTo(
        new Allocation(new BigDecimal("1"), "vllm-0.6", "gpu-node-1", "ray-actor"));
    assertThat(inventory.free(inventory.nodes().get(0))).isEqualByComparingTo("3");
  }

  @Test
  void filtersByEngineAndLocation() {
    assertThat(placement.place(ask("triton", "1", "us-west"), new BigDecimal("1")))
        .isEqualTo(new Allocation(new BigDecimal("1"), "triton-24.08", "gpu-node-2", "k8s-pod"));
    assertThat(placement.place(ask("tgi", "1", "us-east"), new BigDecimal("1")))
        .isEqualTo(new Allocation(new BigDecimal("1"), "tgi-2.4", "gpu-node-3", "ray-actor"));
  }

  @Test
  void anyLocationWhenNoneIsAsked() {
    placement.place(ask("triton", "2", null), new BigDecimal("2"));

    Allocation allocation = placement.place(ask("triton", "1", null), new BigDecimal("1"));

    assertThat(allocation.node()).isEqualTo("gpu-node-3");
  }

  @Test
  void grantsFractionalAsks() {
    Allocation allocation = placement.place(ask("triton", "1.5", "us-west"), new BigDecimal("1.5"));

    assertThat(allocation.gpuCount()).isEqualTo(new BigDecimal("1.5"));
    assertThat(inventory.free(inventory.nodes().get(1))).isEqualByComparingTo("0.5");
  }

  @Test
  void narrowsToTheLargestFreeFractionWhenNothingFitsTheWholeAsk() {
    placement.place(ask("triton", "1.5", "us-west"), new BigDecimal("1.5"));

    Allocation allocation = placement.place(ask("triton", "2", "us-west"), new BigDecimal("2"));

    assertThat(allocation).isEqualTo(
        new Allocation(new BigDecimal("0.5"), "triton-24.08", "gpu-node-2", "k8s-pod"));
    assertThat(inventory.free(inventory.nodes().get(1))).isEqualByComparingTo("0");
  }

  @Test
  void narrowsOnTheRoomiestMatchingNode() {
    placement.place(ask("vllm", "3", "us-west"), new BigDecimal("3"));   // node-1 keeps 1
    placement.place(ask("vllm", "0.5", "us-west"), new BigDecimal("0.5")); // node-1 keeps 0.5

    Allocation allocation = placement.place(ask("vllm", "4", "us-west"), new BigDecimal("4"));

    assertThat(allocation.node()).isEqualTo("gpu-node-2");
    assertThat(allocation.gpuCount()).isEqualTo(new BigDecimal("2"));
  }

  @Test
  void refusesWithNoCapacityWhenLessThanHalfAGpuIsLeft() {
    placement.place(ask("tgi", "1", "us-east"), new BigDecimal("1"));

    assertThatThrownBy(() -> placement.place(ask("vllm", "2", "us-east"), new BigDecimal("2")))
        .isInstanceOf(NoCapacityException.class)
        .hasMessage("no vllm node in us-east has 0.5 GPU free");
  }

  @Test
  void usesUpTheInventoryThenRefuses() {
    BigDecimal granted = BigDecimal.ZERO;
    for (int i = 0; i < 20; i++) {
      try {
        granted = granted.add(placement.place(ask("vllm", "1", null), new BigDecimal("1")).gpuCount());
      } catch (NoCapacityException e) {
        break;
      }
    }

    assertThat(granted).isEqualByComparingTo("7");
    assertThatThrownBy(() -> placement.place(ask("vllm", "0.5", null), new BigDecimal("0.5")))
        .isInstanceOf(NoCapacityException.class)
        .hasMessage("no vllm node has 0.5 GPU free");
  }

  @Test
  void sameSequenceGivesSameAnswersOnAFreshInventory() {
    Placement other = new Placement(Inventory.standard(), EngineCatalog.standard());
    String[][] asks = {{"vllm", "2"}, {"triton", "1.5"}, {"vllm", "2"}, {"tgi", "2"}, {"vllm", "2"}};
    for (String[] a : asks) {
      Allocation first = placement.place(ask(a[0], a[1], null), new BigDecimal(a[1]));
      Allocation second = other.place(ask(a[0], a[1], null), new BigDecimal(a[1]));
      assertThat(second).isEqualTo(first);
    }
  }
}
