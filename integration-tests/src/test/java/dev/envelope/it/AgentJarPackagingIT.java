package dev.envelope.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.it.support.ForkedJvm;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The agent jar as shipped: one self-contained jar whose bundled libraries cannot meet the host's. */
class AgentJarPackagingIT {
  @Test
  void manifestNamesTheAgentEntryPoints() throws Exception {
    try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertThat(main.getValue("Premain-Class")).isEqualTo("dev.envelope.agent.EnvelopeAgent");
      assertThat(main.getValue("Agent-Class")).isEqualTo("dev.envelope.agent.EnvelopeAgent");
      assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(main.getValue("Implementation-Version")).isNotBlank();
    }
  }

  static java.util.stream.Stream<java.nio.file.Path> jars() {
    return java.util.stream.Stream.of(ForkedJvm.agentJar(),
        java.nio.file.Paths.get(System.getProperty("envelope.it.agentGrpcJar")));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("jars")
  void everyClassIsUnderTheAgentsOwnPackage(java.nio.file.Path jar) throws Exception {
    List<String> foreign = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.stream().forEach(e -> {
        if (!seen.add(e.getName())) {
          duplicates.add(e.getName());
        }
        if (e.getName().endsWith(".class") && !e.getName().startsWith("dev/envelope/agent/")) {
          foreign.add(e.getName());
        }
      });
    }
    assertThat(foreign).as("classes outside dev/envelope/agent/").isEmpty();
    assertThat(duplicates).as("entries packed twice").isEmpty();
    assertThat(seen).noneMatch(n -> n.startsWith("dev/envelope/annotations/"));
    assertThat(seen).noneMatch(n -> n.equals("logback.xml") || n.equals("logback-test.xml"));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("jars")
  void bundledLibrariesAreRelocatedAndServiceFilesFollow(java.nio.file.Path path) throws Exception {
    List<String> leaks = new ArrayList<>();
    try (JarFile jar = new JarFile(path.toFile())) {
      for (JarEntry e : java.util.Collections.list(jar.entries())) {
        if (!e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/services/")) {
          continue;
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(e)) {
          bytes = in.readAllBytes();
        }
        boolean service = e.getName().startsWith("META-INF/services/");
        // Only what a class links to counts: the constant pool's class names and descriptors, not
        // strings such as property names or Kotlin metadata that merely look like names.
        String text = service ? new String(bytes, StandardCharsets.ISO_8859_1)
            : String.join(" ", dev.envelope.it.support.ClassReferences.of(bytes));
        String[] packages = service
            ? new String[] {"net.bytebuddy.", "io.opentelemetry.", "org.slf4j.", "ch.qos.logback.",
                "okhttp3.", "kotlin."}
            : new String[] {"net/bytebuddy/", "io/opentelemetry/", "org/slf4j/", "ch/qos/logback/",
                "java/util/logging/", "okhttp3/", "okio/", "kotlin/"};
        for (String pkg : packages) {
          if (refersTo(text, pkg)) {
            leaks.add(e.getName() + " refers to " + pkg);
          }
        }
      }
      assertThat(jar.getEntry("META-INF/services/dev.envelope.agent.shaded.otel.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider")).isNotNull();
    }
    assertThat(leaks).isEmpty();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("jars")
  void reportsItsSize(java.nio.file.Path jar) throws Exception {
    long bytes = Files.size(jar);
    System.out.printf("%s: %d bytes (%.2f MiB)%n", jar.getFileName(), bytes, bytes / 1048576.0);
    assertThat(bytes).isPositive();
  }

  /** An occurrence of {@code pkg} that is not the tail of a relocated name ({@code .../shaded/okhttp3/}). */
  private static boolean refersTo(String text, String pkg) {
    for (int i = text.indexOf(pkg); i >= 0; i = text.indexOf(pkg, i + 1)) {
      char before = i == 0 ? ' ' : text.charAt(i - 1);
      if (before != '/' && before != '.') {
        return true;
      }
    }
    return false;
  }
}
