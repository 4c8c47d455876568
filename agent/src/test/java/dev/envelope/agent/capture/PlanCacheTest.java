package dev.envelope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlanCacheTest {

  @SuppressWarnings("unused")
  static final class Target {
    String plain(String a, int b) {
      return a;
    }

    static long[] arrays(String[] a, int[][] b, boolean c, char d, byte e, short f, float g,
        double h, long i) {
      return null;
    }

    void plain() {}

    <T extends Number> T generic(T t, Object... rest) {
      return t;
    }
  }

  static String nameAndDescriptor(Method m) {
    return m.getName()
        + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
  }

  @Test
  void descriptorsMatchTheJvmFormat() {
    for (Method m : Target.class.getDeclaredMethods()) {
      if (m.isSynthetic()) {
        continue;
      }
      assertThat(Descriptors.find(Target.class, nameAndDescriptor(m))).as(m.toString()).isEqualTo(m);
    }
    assertThat(Descriptors.find(Target.class, "plain(Ljava/lang/String;I)Ljava/lang/String;"))
        .isNotNull();
    assertThat(Descriptors.find(Target.class, "plain()V")).isNotNull();
    assertThat(Descriptors.find(Target.class,
        "generic(Ljava/lang/Number;[Ljava/lang/Object;)Ljava/lang/Number;")).isNotNull();
    assertThat(Descriptors.find(Target.class, "plain(I)V")).isNull();
    assertThat(Descriptors.find(Target.class, "missing()V")).isNull();
  }

  @Test
  void aPlanIsBuiltOnceAndAnUnusableOneReportedOnce() {
    AtomicInteger builds = new AtomicInteger();
    List<String> unusable = new ArrayList<>();
    PlanCache<String> cache = new PlanCache<>(m -> {
      builds.incrementAndGet();
      if (m.getName().equals("generic")) {
        throw new IllegalArgumentException("bad annotation");
      }
      return "plan:" + m.getName();
    }, (handler, why) -> unusable.add(handler + " " + why.getMessage()));

    String plain = "plain(Ljava/lang/String;I)Ljava/lang/String;";
    assertThat(cache.get(Target.class, plain)).isEqualTo("plan:plain");
    assertThat(cache.get(Target.class, plain)).isEqualTo("plan:plain");
    assertThat(builds).hasValue(1);

    String generic = "generic(Ljava/lang/Number;[Ljava/lang/Object;)Ljava/lang/Number;";
    assertThat(cache.get(Target.class, generic)).isNull();
    assertThat(cache.get(Target.class, generic)).isNull();
    assertThat(builds).hasValue(2);
    assertThat(unusable).containsExactly(Target.class.getName() + "#" + generic + " bad annotation");

    assertThat(cache.get(Target.class, "missing()V")).isNull();
    assertThat(unusable).hasSize(2);
    assertThat(unusable.get(1)).startsWith(Target.class.getName() + "#missing()V");
  }
}
