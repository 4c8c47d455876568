package dev.envelope.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldsTest {

  @Test
  void adoptedArraysKeepTheirOrderAndOnlyTheirUsedSlots() {
    String[] keys = {"model", "gpu_count", null, null};
    Object[] values = {"llama", 4L, null, null};
    Fields f = Fields.adopt(keys, values, 2);
    assertThat(f.size()).isEqualTo(2);
    assertThat(f.asMap()).containsExactly(Map.entry("model", "llama"), Map.entry("gpu_count", 4L));
    assertThat(f.get("gpu_count")).isEqualTo(4L);
    assertThat(f.get("missing")).isNull();
    assertThat(f.asMap()).isSameAs(f.asMap());
    assertThat(f).isEqualTo(Fields.of(Map.of("gpu_count", 4L, "model", "llama")));
  }

  @Test
  void adoptChecksTypesAndFreezesLists() {
    List<Object> mutable = new ArrayList<>(List.of("a", "b"));
    Fields f = Fields.adopt(new String[] {"tags"}, new Object[] {mutable}, 1);
    mutable.add("c");
    assertThat(f.get("tags")).isEqualTo(List.of("a", "b"));
    assertThatThrownBy(() -> Fields.adopt(new String[] {"x"}, new Object[] {new Object()}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key 'x'");
    assertThat(Fields.adopt(new String[0], new Object[0], 0)).isSameAs(Fields.EMPTY);
  }

  @Test
  void refinementKeepsOrderRefinesInPlaceAndAppendsNewKeys() {
    Fields base = Fields.of(orderedMap("node", "n-1", "slots", 2L));
    Fields refined = base.refinedBy(Fields.of(orderedMap("slots", 3L, "backend", "vllm")));
    assertThat(refined.asMap()).containsExactly(Map.entry("node", "n-1"), Map.entry("slots", 3L),
        Map.entry("backend", "vllm"));
    assertThat(base.asMap()).containsExactly(Map.entry("node", "n-1"), Map.entry("slots", 2L));
    assertThat(base.refinedBy(Fields.EMPTY)).isSameAs(base);
    assertThat(Fields.EMPTY.refinedBy(base)).isSameAs(base);
  }

  private static Map<String, Object> orderedMap(Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
