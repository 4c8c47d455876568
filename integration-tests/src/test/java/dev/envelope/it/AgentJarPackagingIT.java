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

  @Test
  void everyClassIsUnderTheAgentsOwnPackage() throws Exception {
    List<String> foreign = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    try (ZipFile zip = new ZipFile(ForkedJvm.agentJar().toFile())) {
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

  @Test
  void bundledLibrariesAreRelocatedAndServiceFilesFollow() throws Exception {
    List<String> leaks = new ArrayList<>();
    try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
      for (JarEntry e : java.util.Collections.list(jar.entries())) {
        if (!e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/services/")) {
          continue;
        }
        String text;
        try (InputStream in = jar.getInputStream(e)) {
          text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        // Class references are written with slashes; dotted strings are property names such as
        // "io.opentelemetry.context.contextStorageProvider", which are not links to classes.
        boolean service = e.getName().startsWith("META-INF/services/");
        String[] packages = service
            ? new String[] {"net.bytebuddy.", "io.opentelemetry.", "org.slf4j.", "ch.qos.logback."}
            : new String[] {"net/bytebuddy/", "io/opentelemetry/", "org/slf4j/", "ch/qos/logback/",
                "java/util/logging/"};
        for (String pkg : packages) {
          if (text.contains(pkg)) {
            leaks.add(e.getName() + " refers to " + pkg);
          }
        }
      }
      assertThat(jar.getEntry("META-INF/services/dev.envelope.agent.shaded.otel.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider")).isNotNull();
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void reportsItsSize() throws Exception {
    long bytes = Files.size(ForkedJvm.agentJar());
    System.out.printf("envelope-agent.jar: %d bytes (%.2f MiB)%n", bytes, bytes / 1048576.0);
    assertThat(bytes).isPositive();
  }
}
